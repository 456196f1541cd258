package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LogSoftmaxParams;

/**
 * LOG_SOFTMAX over the last dimension. Float: x - max - log(sum exp(x - max)), in float. Int8 as TFLM's
 * reference LogSoftmaxQuantized: differences to the row maximum at or above diff_min are scaled to Q5.26
 * and exponentiated, summed in Q12.19, the log of the sum taken in Q5.26; entries whose difference lies
 * above max(diff_min - 1, the log-sum mapped back to the input scale) give
 * (scaled diff - log sum) rounded to Q4.3 (output scale 16/256) + 127, the others -128.
 */
public final class LogSoftmaxEval implements OpEvaluator {
    private static final int ACCUMULATION_INTEGER_BITS = 12;
    private static final int OUTPUT_INTEGER_BITS = 4;

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        int depth = input.type().dim(-1), outer = input.size() / depth;
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> float32(input.float32(), out.float32(), outer, depth);
            case INT8 -> int8(LogSoftmaxParams.prepare(node), input.int8(), out.int8(), outer, depth);
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    private static void float32(float[] x, float[] o, int outer, int depth) {
        for (int r = 0; r < outer; r++) {
            int base = r * depth;
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            float sum = 0f;
            for (int c = 0; c < depth; c++) sum += (float) Math.exp(x[base + c] - max);
            float logSum = (float) Math.log(sum);
            for (int c = 0; c < depth; c++) o[base + c] = x[base + c] - max - logSum;
        }
    }

    /** The int8 kernel on raw arrays ({@code rows} rows of {@code depth} entries). */
    public static void int8(LogSoftmaxParams p, byte[] x, byte[] out, int rows, int depth) {
        int bits = LogSoftmaxParams.SCALED_DIFF_INTEGER_BITS;
        for (int r = 0; r < rows; r++) {
            int base = r * depth;
            int max = Byte.MIN_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            int sumOfExpsQ12 = 0;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff >= p.diffMin()) {
                    int diffQ5 = FixedPoint.multiplyByQuantizedMultiplier(diff, p.inputMultiplier(), p.inputLeftShift());
                    sumOfExpsQ12 += FixedPoint.rescale(FixedPoint.expOnNegativeValues(diffQ5, bits), 0, ACCUMULATION_INTEGER_BITS);
                }
            }
            int logSumQ5 = FixedPoint.logXForXGreaterThanOrEqualTo1(sumOfExpsQ12, ACCUMULATION_INTEGER_BITS, bits);
            // The smallest Q5.26 value plus the log-sum, mapped back to input units: differences at or
            // below it would underflow when the log-sum is subtracted.
            int shiftedLogSum = logSumQ5 + Integer.MIN_VALUE;
            int adjustedDiffMin = Math.max(p.diffMin() - 1, FixedPoint.multiplyByQuantizedMultiplier(shiftedLogSum,
                    p.reverseScalingDivisor(), -p.reverseScalingRightShift()));
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                int v;
                if (diff > adjustedDiffMin) {
                    int diffQ5 = FixedPoint.multiplyByQuantizedMultiplier(diff, p.inputMultiplier(), p.inputLeftShift());
                    v = FixedPoint.roundingDivideByPOT(diffQ5 - logSumQ5, 31 - bits - OUTPUT_INTEGER_BITS) + Byte.MAX_VALUE;
                    v = EvalSupport.clamp(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
                } else {
                    v = Byte.MIN_VALUE;
                }
                out[base + c] = (byte) v;
            }
        }
    }
}
