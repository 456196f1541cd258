package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.ConvParams;

/**
 * CONV_2D (NHWC input, OHWI filter) as TFLM's reference kernels: int8 (ConvPerChannel: int32
 * accumulator of filter * (input + input_offset), + bias, per-channel requantize), int16x8 (int64
 * accumulator, int64 requantize) and float (sum in filter_y, filter_x, in_channel order, then + bias).
 * Padded positions are skipped.
 */
public final class Conv2DEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], filter = in[1], bias = in.length > 2 ? in[2] : null;
        Tensor out = EvalSupport.output(node);
        int[] is = EvalSupport.as4d(input.type()), fs = filter.type().shape(), os = EvalSupport.as4d(out.type());
        Geometry g = new Geometry(is, fs, os);
        switch (EvalSupport.type(input)) {
            case INT8 -> int8(g, ConvParams.prepare(node), input.int8(), filter.int8(), bias == null ? null : bias.int32(), out.int8());
            case INT16 -> int16(g, ConvParams.prepare(node), input.int16(), filter.int8(), bias == null ? null : bias.int64(), out.int16());
            case FLOAT32 -> float32(g, node.attrs(Attrs.Conv2D.class), input.float32(), filter.float32(),
                    bias == null ? null : bias.float32(), out.float32());
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /**
     * The int8 kernel on raw arrays: {@code in4d} and {@code out4d} NHWC shapes, {@code filterOhwi} the
     * filter shape (its C may divide the input's: grouped convolution); bias may be null.
     */
    public static void int8(int[] in4d, int[] filterOhwi, int[] out4d, ConvParams p, byte[] input, byte[] filter, int[] bias, byte[] out) {
        int8(new Geometry(in4d, filterOhwi, out4d), p, input, filter, bias, out);
    }

    /** Shapes: batches, input H/W/C, filter O/H/W, output H/W; filter input depth may divide C (groups). */
    private record Geometry(int batches, int inH, int inW, int inC, int outC, int fH, int fW, int fC, int outH, int outW) {
        Geometry(int[] is, int[] fs, int[] os) {
            this(is[0], is[1], is[2], is[3], fs[0], fs[1], fs[2], fs[3], os[1], os[2]);
        }
    }

    private static void int8(Geometry g, ConvParams p, byte[] input, byte[] filter, int[] bias, byte[] out) {
        final int inOff = p.inputOffset();
        int groupSize = g.outC / (g.inC / g.fC);
        for (int b = 0; b < g.batches; b++)
            for (int oy = 0; oy < g.outH; oy++) {
                int inY0 = oy * p.strideH() - p.padTop();
                for (int ox = 0; ox < g.outW; ox++) {
                    int inX0 = ox * p.strideW() - p.padLeft();
                    int outBase = ((b * g.outH + oy) * g.outW + ox) * g.outC;
                    for (int oc = 0; oc < g.outC; oc++) {
                        int icBase = (oc / groupSize) * g.fC;
                        int acc = 0;
                        for (int ky = 0; ky < g.fH; ky++) {
                            int iy = inY0 + p.dilationH() * ky;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.fW; kx++) {
                                int ix = inX0 + p.dilationW() * kx;
                                if (ix < 0 || ix >= g.inW) continue;
                                int inBase = ((b * g.inH + iy) * g.inW + ix) * g.inC + icBase;
                                int fBase = ((oc * g.fH + ky) * g.fW + kx) * g.fC;
                                for (int ic = 0; ic < g.fC; ic++)
                                    acc += filter[fBase + ic] * (input[inBase + ic] + inOff);
                            }
                        }
                        if (bias != null) acc += bias[oc];
                        acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
                        acc += p.outputOffset();
                        out[outBase + oc] = (byte) EvalSupport.clamp(acc, p.activationMin(), p.activationMax());
                    }
                }
            }
    }

    private static void int16(Geometry g, ConvParams p, short[] input, byte[] filter, long[] bias, short[] out) {
        int groupSize = g.outC / (g.inC / g.fC);
        for (int b = 0; b < g.batches; b++)
            for (int oy = 0; oy < g.outH; oy++) {
                int inY0 = oy * p.strideH() - p.padTop();
                for (int ox = 0; ox < g.outW; ox++) {
                    int inX0 = ox * p.strideW() - p.padLeft();
                    int outBase = ((b * g.outH + oy) * g.outW + ox) * g.outC;
                    for (int oc = 0; oc < g.outC; oc++) {
                        int icBase = (oc / groupSize) * g.fC;
                        long acc = 0;
                        for (int ky = 0; ky < g.fH; ky++) {
                            int iy = inY0 + p.dilationH() * ky;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.fW; kx++) {
                                int ix = inX0 + p.dilationW() * kx;
                                if (ix < 0 || ix >= g.inW) continue;
                                int inBase = ((b * g.inH + iy) * g.inW + ix) * g.inC + icBase;
                                int fBase = ((oc * g.fH + ky) * g.fW + kx) * g.fC;
                                for (int ic = 0; ic < g.fC; ic++) acc += (long) filter[fBase + ic] * input[inBase + ic];
                            }
                        }
                        if (bias != null) acc += bias[oc];
                        int scaled = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
                        scaled += p.outputOffset();
                        out[outBase + oc] = (short) EvalSupport.clamp(scaled, p.activationMin(), p.activationMax());
                    }
                }
            }
    }

    private static void float32(Geometry g, Attrs.Conv2D a, float[] input, float[] filter, float[] bias, float[] out) {
        FloatActivationRange act = FloatActivationRange.of(a.activation());
        int sh = a.strides()[0], sw = a.strides()[1], dh = a.dilations()[0], dw = a.dilations()[1];
        int pt = a.pads()[0], pl = a.pads()[1];
        int groupSize = g.outC / (g.inC / g.fC);
        for (int b = 0; b < g.batches; b++)
            for (int oy = 0; oy < g.outH; oy++)
                for (int ox = 0; ox < g.outW; ox++) {
                    int outBase = ((b * g.outH + oy) * g.outW + ox) * g.outC;
                    for (int oc = 0; oc < g.outC; oc++) {
                        int icBase = (oc / groupSize) * g.fC;
                        float total = 0f;
                        for (int ky = 0; ky < g.fH; ky++) {
                            int iy = oy * sh - pt + dh * ky;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.fW; kx++) {
                                int ix = ox * sw - pl + dw * kx;
                                if (ix < 0 || ix >= g.inW) continue;
                                int inBase = ((b * g.inH + iy) * g.inW + ix) * g.inC + icBase;
                                int fBase = ((oc * g.fH + ky) * g.fW + kx) * g.fC;
                                for (int ic = 0; ic < g.fC; ic++) total += input[inBase + ic] * filter[fBase + ic];
                            }
                        }
                        float biasValue = bias == null ? 0f : bias[oc];
                        out[outBase + oc] = act.apply(total + biasValue);
                    }
                }
    }
}
