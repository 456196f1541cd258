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
 * accumulator of filter * (input + input_offset), + bias, per-channel requantize), int16x8 (with an int64
 * bias: int64 accumulator and the int64 requantize; without bias or with an int32 bias: int32
 * accumulator and the int32 requantize, as TFLM's conv.cc dispatches) and float (sum in filter_y, filter_x, in_channel order, then + bias).
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
            case INT16 -> {
                // TFLM conv.cc: an int64 bias takes the int64-accumulator kernel; no bias or an int32 bias the
                // int32-accumulator one, whose requantization is the 32-bit MultiplyByQuantizedMultiplier
                if (bias != null && bias.type().elementType() == dev.tinyforge.ir.ElementType.INT64)
                    int16(g, ConvParams.prepare(node), input.int16(), filter.int8(), bias.int64(), false, out.int16());
                else
                    int16(g, ConvParams.prepare(node), input.int16(), filter.int8(),
                            bias == null ? null : java.util.Arrays.stream(bias.int32()).asLongStream().toArray(), true, out.int16());
            }
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

    /** The int16 x int8 kernel (int64 bias, may be null) on raw arrays; shapes as {@link #int8(int[], int[], int[], ConvParams, byte[], byte[], int[], byte[])}. */
    public static void int16(int[] in4d, int[] filterOhwi, int[] out4d, ConvParams p, short[] input, byte[] filter, long[] bias, short[] out) {
        int16(new Geometry(in4d, filterOhwi, out4d), p, input, filter, bias, false, out);
    }

    /** Shapes: batches, input H/W/C, filter O/H/W, output H/W; filter input depth may divide C (groups). */
    private record Geometry(int batches, int inH, int inW, int inC, int outC, int fH, int fW, int fC, int outH, int outW) {
        Geometry(int[] is, int[] fs, int[] os) {
            this(is[0], is[1], is[2], is[3], fs[0], fs[1], fs[2], fs[3], os[1], os[2]);
        }

        ConvWindow window(ConvParams p) {
            return new ConvWindow(new int[] {batches, inH, inW}, fH, fW, new int[] {batches, outH, outW}, p);
        }
    }

    private static void int8(Geometry g, ConvParams p, byte[] input, byte[] filter, int[] bias, byte[] out) {
        final int inOff = p.inputOffset();
        int groupSize = g.outC / (g.inC / g.fC);
        ConvWindow w = g.window(p);
        for (int px = 0; px < w.pixels(); px++) {
            int taps = w.at(px);
            for (int oc = 0; oc < g.outC; oc++) {
                int icBase = (oc / groupSize) * g.fC;
                int acc = 0;
                for (int j = 0; j < taps; j++) {
                    int inBase = w.input(j) * g.inC + icBase, fBase = (oc * g.fH * g.fW + w.tap(j)) * g.fC;
                    for (int ic = 0; ic < g.fC; ic++) acc += filter[fBase + ic] * (input[inBase + ic] + inOff);
                }
                if (bias != null) acc += bias[oc];
                acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
                acc += p.outputOffset();
                out[px * g.outC + oc] = (byte) EvalSupport.clamp(acc, p.activationMin(), p.activationMax());
            }
        }
    }

    /**
     * int16 input, int8 filter. TFLM has two kernels: int64 bias with a 64-bit accumulator and 64-bit
     * requantization, and (no bias or an int32 bias) ConvPerChannel&lt;int32_t&gt; with a wrapping int32
     * accumulator and 32-bit requantization ({@code acc32}). Summing in long and narrowing at the end wraps
     * exactly like int32 arithmetic, so one loop serves both.
     */
    private static void int16(Geometry g, ConvParams p, short[] input, byte[] filter, long[] bias, boolean acc32, short[] out) {
        int groupSize = g.outC / (g.inC / g.fC);
        ConvWindow w = g.window(p);
        for (int px = 0; px < w.pixels(); px++) {
            int taps = w.at(px);
            for (int oc = 0; oc < g.outC; oc++) {
                int icBase = (oc / groupSize) * g.fC;
                long acc = 0;
                for (int j = 0; j < taps; j++) {
                    int inBase = w.input(j) * g.inC + icBase, fBase = (oc * g.fH * g.fW + w.tap(j)) * g.fC;
                    for (int ic = 0; ic < g.fC; ic++) acc += (long) filter[fBase + ic] * input[inBase + ic];
                }
                if (bias != null) acc += bias[oc];
                int scaled = acc32 ? FixedPoint.multiplyByQuantizedMultiplier((int) acc, p.multiplier(oc), p.shift(oc))
                        : FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc));
                scaled += p.outputOffset();
                out[px * g.outC + oc] = (short) EvalSupport.clamp(scaled, p.activationMin(), p.activationMax());
            }
        }
    }

    private static void float32(Geometry g, Attrs.Conv2D a, float[] input, float[] filter, float[] bias, float[] out) {
        FloatActivationRange act = FloatActivationRange.of(a.activation());
        int groupSize = g.outC / (g.inC / g.fC);
        ConvWindow w = new ConvWindow(new int[] {g.batches, g.inH, g.inW}, g.fH, g.fW, new int[] {g.batches, g.outH, g.outW},
                a.strides()[0], a.strides()[1], a.dilations()[0], a.dilations()[1], a.pads()[0], a.pads()[1]);
        for (int px = 0; px < w.pixels(); px++) {
            int taps = w.at(px);
            for (int oc = 0; oc < g.outC; oc++) {
                int icBase = (oc / groupSize) * g.fC;
                float total = 0f;
                for (int j = 0; j < taps; j++) {
                    int inBase = w.input(j) * g.inC + icBase, fBase = (oc * g.fH * g.fW + w.tap(j)) * g.fC;
                    for (int ic = 0; ic < g.fC; ic++) total += input[inBase + ic] * filter[fBase + ic];
                }
                float biasValue = bias == null ? 0f : bias[oc];
                out[px * g.outC + oc] = act.apply(total + biasValue);
            }
        }
    }
}
