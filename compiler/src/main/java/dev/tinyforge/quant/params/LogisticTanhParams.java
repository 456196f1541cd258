package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of an int8 LOGISTIC or TANH (TFLM CalculateArithmeticOpDataLogistic and tanh's
 * CalculateArithmeticOpData, which agree): the input is rescaled to Q4.27 by
 * frexp(in_scale * 2^27) (no fold-back of a significand that rounds to 2^31), and inputs whose
 * magnitude reaches {@code inputRangeRadius} = CalculateInputRadius(4, leftShift) saturate.
 * TFLM requires LOGISTIC outputs with zero point -128 and scale 1/256, TANH outputs with 0 and 1/128.
 */
public record LogisticTanhParams(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift) {

    public static final int INPUT_INTEGER_BITS = 4;

    public static LogisticTanhParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0);
        double real = (double) in.scale() * (double) (1 << (31 - INPUT_INTEGER_BITS));
        QuantizedMultiplier m = QuantizedMultiplier.frexpUnchecked(real);
        int radius = SoftmaxParams.calculateInputRadius(INPUT_INTEGER_BITS, m.shift(), 31);
        return new LogisticTanhParams(in.zeroPoint(), radius, m.multiplier(), m.shift());
    }
}
