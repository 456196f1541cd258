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
        int batches = is[0], inH = is[1], inW = is[2], inC = is[3], fH = fs[1], fW = fs[2], outH = os[1], outW = os[2], outC = os[3];
        int mult = outC / inC;
        int sh = a.strides()[0], sw = a.strides()[1], dh = a.dilations()[0], dw = a.dilations()[1], pt = a.pads()[0], pl = a.pads()[1];
        switch (EvalSupport.type(input)) {
            case INT8 -> int8(is, fs, os, ConvParams.prepare(node), input.int8(), filter.int8(),
                    bias == null ? null : bias.int32(), out.int8());
            case INT16 -> {
                ConvParams p = ConvParams.prepare(node);
                short[] x = input.int16(), o = out.int16();
                byte[] f = filter.int8();
                long[] bv = bias == null ? null : bias.int64();
                for (int b = 0; b < batches; b++)
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++)
                            for (int ic = 0; ic < inC; ic++)
                                for (int m = 0; m < mult; m++) {
                                    int oc = ic * mult + m;
                                    long acc = 0;
                                    for (int ky = 0; ky < fH; ky++) {
                                        int iy = oy * sh - pt + dh * ky;
                                        if (iy < 0 || iy >= inH) continue;
                                        for (int kx = 0; kx < fW; kx++) {
                                            int ix = ox * sw - pl + dw * kx;
                                            if (ix < 0 || ix >= inW) continue;
                                            acc += (long) f[(ky * fW + kx) * outC + oc] * x[((b * inH + iy) * inW + ix) * inC + ic];
                                        }
                                    }
                                    if (bv != null) acc += bv[oc];
                                    int r = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                                    o[((b * outH + oy) * outW + ox) * outC + oc] = (short) EvalSupport.clamp(r, p.activationMin(), p.activationMax());
                                }
            }
            case FLOAT32 -> {
                FloatActivationRange act = FloatActivationRange.of(a.activation());
                float[] x = input.float32(), f = filter.float32(), o = out.float32();
                float[] bv = bias == null ? null : bias.float32();
                for (int b = 0; b < batches; b++)
                    for (int oy = 0; oy < outH; oy++)
                        for (int ox = 0; ox < outW; ox++)
                            for (int ic = 0; ic < inC; ic++)
                                for (int m = 0; m < mult; m++) {
                                    int oc = ic * mult + m;
                                    float total = 0f;
                                    for (int ky = 0; ky < fH; ky++) {
                                        int iy = oy * sh - pt + dh * ky;
                                        if (iy < 0 || iy >= inH) continue;
                                        for (int kx = 0; kx < fW; kx++) {
                                            int ix = ox * sw - pl + dw * kx;
                                            if (ix < 0 || ix >= inW) continue;
                                            total += x[((b * inH + iy) * inW + ix) * inC + ic] * f[(ky * fW + kx) * outC + oc];
                                        }
                                    }
                                    float bias0 = bv == null ? 0f : bv[oc];
                                    o[((b * outH + oy) * outW + ox) * outC + oc] = act.apply(total + bias0);
                                }
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /** The int8 kernel on raw arrays: NHWC shapes, filter shape 1 x H x W x (C * multiplier); bias may be null. */
    public static void int8(int[] is, int[] fs, int[] os, ConvParams p, byte[] x, byte[] f, int[] bv, byte[] o) {
        int batches = is[0], inH = is[1], inW = is[2], inC = is[3], fH = fs[1], fW = fs[2], outH = os[1], outW = os[2], outC = os[3];
        int mult = outC / inC, inOff = p.inputOffset();
        for (int b = 0; b < batches; b++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                    for (int ic = 0; ic < inC; ic++)
                        for (int m = 0; m < mult; m++) {
                            int oc = ic * mult + m;
                            int acc = 0;
                            for (int ky = 0; ky < fH; ky++) {
                                int iy = oy * p.strideH() - p.padTop() + p.dilationH() * ky;
                                if (iy < 0 || iy >= inH) continue;
                                for (int kx = 0; kx < fW; kx++) {
                                    int ix = ox * p.strideW() - p.padLeft() + p.dilationW() * kx;
                                    if (ix < 0 || ix >= inW) continue;
                                    acc += f[(ky * fW + kx) * outC + oc] * (x[((b * inH + iy) * inW + ix) * inC + ic] + inOff);
                                }
                            }
                            if (bv != null) acc += bv[oc];
                            acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                            o[((b * outH + oy) * outW + ox) * outC + oc] = (byte) EvalSupport.clamp(acc, p.activationMin(), p.activationMax());
                        }
    }
}
