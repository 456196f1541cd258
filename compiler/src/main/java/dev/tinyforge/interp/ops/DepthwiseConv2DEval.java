package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.ConvParams;

/**
 * DEPTHWISE_CONV_2D (filter 1 x H x W x C*M) as TFLM's reference kernels: output channel
 * oc = ic * M + m uses input channel ic; int8 per-channel requantize, int16x8 with int64 accumulators,
 * float summed in filter_y, filter_x order then + bias.
 */
public final class DepthwiseConv2DEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], filter = in[1], bias = in.length > 2 ? in[2] : null;
        Tensor out = EvalSupport.output(node);
        int[] is = EvalSupport.as4d(input.type()), fs = filter.type().shape(), os = EvalSupport.as4d(out.type());
        Attrs.DepthwiseConv2D a = node.attrs(Attrs.DepthwiseConv2D.class);
        int inC = is[3], outC = os[3], mult = outC / inC;
        switch (EvalSupport.type(input)) {
            case INT8 -> int8(is, fs, os, ConvParams.prepare(node), input.int8(), filter.int8(),
                    bias == null ? null : bias.int32(), out.int8());
            case INT16 -> {
                ConvParams p = ConvParams.prepare(node);
                short[] x = input.int16(), o = out.int16();
                byte[] f = filter.int8();
                long[] bv = bias == null ? null : bias.int64();
                ConvWindow w = new ConvWindow(is, fs[1], fs[2], os, p);
                for (int px = 0; px < w.pixels(); px++) {
                    int taps = w.at(px);
                    for (int oc = 0; oc < outC; oc++) {
                        long acc = 0;
                        for (int j = 0; j < taps; j++) acc += (long) f[w.tap(j) * outC + oc] * x[w.input(j) * inC + oc / mult];
                        if (bv != null) acc += bv[oc];
                        int r = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                        o[px * outC + oc] = (short) EvalSupport.clamp(r, p.activationMin(), p.activationMax());
                    }
                }
            }
            case FLOAT32 -> {
                FloatActivationRange act = FloatActivationRange.of(a.activation());
                float[] x = input.float32(), f = filter.float32(), o = out.float32();
                float[] bv = bias == null ? null : bias.float32();
                ConvWindow w = new ConvWindow(is, fs[1], fs[2], os, a.strides()[0], a.strides()[1], a.dilations()[0],
                        a.dilations()[1], a.pads()[0], a.pads()[1]);
                for (int px = 0; px < w.pixels(); px++) {
                    int taps = w.at(px);
                    for (int oc = 0; oc < outC; oc++) {
                        float total = 0f;
                        for (int j = 0; j < taps; j++) total += x[w.input(j) * inC + oc / mult] * f[w.tap(j) * outC + oc];
                        float bias0 = bv == null ? 0f : bv[oc];
                        o[px * outC + oc] = act.apply(total + bias0);
                    }
                }
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /** The int8 kernel on raw arrays: NHWC shapes, filter shape 1 x H x W x (C * multiplier); bias may be null. */
    public static void int8(int[] is, int[] fs, int[] os, ConvParams p, byte[] x, byte[] f, int[] bv, byte[] o) {
        int inC = is[3], outC = os[3], mult = outC / inC, inOff = p.inputOffset();
        ConvWindow w = new ConvWindow(is, fs[1], fs[2], os, p);
        for (int px = 0; px < w.pixels(); px++) {
            int taps = w.at(px);
            for (int oc = 0; oc < outC; oc++) {
                int acc = 0;
                for (int j = 0; j < taps; j++) acc += f[w.tap(j) * outC + oc] * (x[w.input(j) * inC + oc / mult] + inOff);
                if (bv != null) acc += bv[oc];
                acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                o[px * outC + oc] = (byte) EvalSupport.clamp(acc, p.activationMin(), p.activationMax());
            }
        }
    }
}
