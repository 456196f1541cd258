package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.Rounding;

/**
 * Prepared parameters of an int16 LOGISTIC or TANH, mirroring {@code tf_logistic_s16_params} and TFLM's
 * logistic_common.cc / tanh.cc for int16: zero points must be 0 and the output scale 2^-15.
 * input_left_shift = 12 + round(log2(input_scale)); when the scale is a power of two and that shift is 0
 * (LOGISTIC) or 0 or 1 (TANH), the multiplier is 0 (the kernels then use 3 &lt;&lt; shift unshifted);
 * otherwise the multiplier is input_scale * 4096 * 3, doubled while &lt;= 32767 / 2 (counting the
 * doublings as the shift, from 0), truncated.
 */
public record LogisticTanhInt16Params(int inputMultiplier, int inputLeftShift) {
    private static final int INPUT_INTEGER_BITS = 3, OUTPUT_FRACTIONAL_BITS = 15;

    public static LogisticTanhInt16Params prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        if (in.zeroPoint() != 0 || out.zeroPoint() != 0)
            throw new CompileException(node + ": int16 " + node.kind() + " needs zero points 0 (as TFLM requires)");
        Integer outLog2 = checkedLog2(out.scale());
        if (outLog2 == null || outLog2 != -OUTPUT_FRACTIONAL_BITS)
            throw new CompileException(node + ": int16 " + node.kind() + " output scale must be 2^-15 (as TFLM requires), got " + out.scale());
        int log2 = roundedLog2(in.scale());
        int shift = (15 - INPUT_INTEGER_BITS) + log2;
        boolean pot = checkedLog2(in.scale()) != null
                && (shift == 0 || (node.kind() == OpKind.TANH && shift == 1));
        if (pot) return new LogisticTanhInt16Params(0, shift);
        double multiplier = (double) in.scale() * 4096.0 * 3.0;
        shift = 0;
        while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
            shift++;
            multiplier *= 2.0;
        }
        return new LogisticTanhInt16Params((int) multiplier, shift);
    }

    /** TFLite CheckedLog2 in float: the rounded log2 when x is within 1e-3 (in log2) of a power of two, else null. */
    static Integer checkedLog2(float x) {
        float log2 = log2(x);
        float rounded = Rounding.round(log2);
        return Math.abs(log2 - rounded) < 1e-3f ? (int) rounded : null;
    }

    private static int roundedLog2(float x) { return (int) Rounding.round(log2(x)); }

    private static float log2(float x) { return (float) Math.log(x) * (1.0f / (float) Math.log(2.0f)); }
}
