package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.Int16Lut;
import dev.tinyforge.quant.params.SoftmaxParams;

/**
 * SOFTMAX over the last dimension as TFLM's reference. Int8 input (int8 or int16 output): differences to
 * the row maximum at or above diff_min are scaled to Q5.26, exponentiated (gemmlowp), summed in Q12.19,
 * inverted with GetReciprocal and each exp scaled by the reciprocal, then shifted down to the output
 * width and offset by the type minimum. Int16: TFLite's SoftmaxInt16 with TFLM's two lookup tables (see
 * {@link #int16}). Float: exp((x - max) * beta) / sum in float.
 */
public final class SoftmaxEval implements OpEvaluator {
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        int depth = input.type().dim(-1);
        int outer = input.size() / depth;
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> {
                float beta = node.attrs(Attrs.Softmax.class).beta();
                float[] x = input.float32(), o = out.float32();
                for (int r = 0; r < outer; r++) {
                    int base = r * depth;
                    float max = -Float.MAX_VALUE;
                    for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
                    float sum = 0f;
                    for (int c = 0; c < depth; c++) {
                        float e = (float) Math.exp((x[base + c] - max) * beta);
                        o[base + c] = e;
                        sum += e;
                    }
                    for (int c = 0; c < depth; c++) o[base + c] = o[base + c] / sum;
                }
            }
            case INT8 -> int8(SoftmaxParams.prepare(node), input.int8(), out, outer, depth);
            case INT16 -> int16(SoftmaxParams.prepare(node), Int16Lut.softmaxExp(), Int16Lut.softmaxOneOverOnePlusX(),
                    input.int16(), out.int16(), outer, depth);
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /**
     * TFLite's SoftmaxInt16 (int16 in and out, output scale 2^-15): each difference to the row maximum is
     * scaled so that [-65535, 0] spans [-10, 0], recentred and looked up in the exp table; the sum of
     * the Q0.15 exps is normalised to 16 significant bits, its reciprocal looked up in the 1 / (1 + x)
     * table, and each exp scaled by it with one rounding shift.
     */
    public static void int16(SoftmaxParams p, short[] expLut, short[] oneOverOnePlusXLut, short[] x, short[] out, int rows, int depth) {
        short[] exps = new short[depth];
        for (int r = 0; r < rows; r++) {
            int base = r * depth;
            int max = Short.MIN_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            int sum = 0;
            for (int c = 0; c < depth; c++) {
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(x[base + c] - max, p.inputMultiplier(), p.inputLeftShift());
                short sym = (short) EvalSupport.clamp(scaled + 32767, Short.MIN_VALUE, Short.MAX_VALUE);
                exps[c] = Int16Lut.lookup(sym, expLut);
                sum += exps[c];
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
            int shiftedSum = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
            short symShiftedSum = (short) EvalSupport.clamp(shiftedSum - ((1 << 15) + (1 << 16)), Short.MIN_VALUE, Short.MAX_VALUE);
            short reciprocal = Int16Lut.lookup(symShiftedSum, oneOverOnePlusXLut);
            int rightShift = 31 - headroomPlusOne;
            long round = 1L << (rightShift - 1);
            for (int c = 0; c < depth; c++) {
                int v = (int) (((long) exps[c] * reciprocal + round) >> rightShift);
                out[base + c] = (short) EvalSupport.clamp(v, 0, Short.MAX_VALUE);
            }
        }
    }

    /** The int8-input kernel on raw arrays, int8 output. */
    public static void int8(SoftmaxParams p, byte[] x, byte[] out, int rows, int depth) {
        Tensor t = Tensor.wrap(new dev.tinyforge.ir.TensorType(ElementType.INT8, out.length), out);
        int8(p, x, t, rows, depth);
    }

    private static void int8(SoftmaxParams p, byte[] x, Tensor out, int outer, int depth) {
        boolean int16Out = out.type().elementType() == ElementType.INT16;
        int outBits = int16Out ? 16 : 8;
        int outMin = int16Out ? Short.MIN_VALUE : Byte.MIN_VALUE, outMax = int16Out ? Short.MAX_VALUE : Byte.MAX_VALUE;
        for (int r = 0; r < outer; r++) {
            int base = r * depth;
            int max = Byte.MIN_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff >= p.diffMin()) {
                    int scaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, p.inputMultiplier(), p.inputLeftShift());
                    int exp = FixedPoint.expOnNegativeValues(scaled, SoftmaxParams.SCALED_DIFF_INTEGER_BITS);
                    sumOfExps += FixedPoint.rescale(exp, 0, ACCUMULATION_INTEGER_BITS);
                }
            }
            int[] rec = FixedPoint.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
            int shiftedScale = rec[0];
            int exponent = rec[1] + 31 - outBits;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                int v;
                if (diff >= p.diffMin()) {
                    int scaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, p.inputMultiplier(), p.inputLeftShift());
                    int exp = FixedPoint.expOnNegativeValues(scaled, SoftmaxParams.SCALED_DIFF_INTEGER_BITS);
                    int unsat = FixedPoint.roundingDivideByPOT(FixedPoint.saturatingRoundingDoublingHighMul(shiftedScale, exp), exponent);
                    v = EvalSupport.clamp(unsat + outMin, outMin, outMax);
                } else {
                    v = outMin;
                }
                out.setLong(base + c, v);
            }
        }
    }
}
