package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized SOFTMAX (TFLM CalculateSoftmaxParams), mirroring
 * {@code tf_softmax_params}. For int8 input: PreprocessSoftmaxScaling with 5 integer bits for the scaled
 * difference (beta * input_scale * 2^26, capped at 2^31 - 1, as a multiplier &gt;= 1) and
 * diff_min = -CalculateInputRadius(5, input_left_shift). For int16 input: the multiplier maps the
 * difference onto the exp table's [-10, 0] range and diffMin is unused (0).
 */
public record SoftmaxParams(int inputMultiplier, int inputLeftShift, int diffMin) {

    public static final int SCALED_DIFF_INTEGER_BITS = 5;

    public static SoftmaxParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0);
        double beta = node.attrs(Attrs.Softmax.class).beta();
        ElementType inType = node.input(0).type().elementType();
        if (inType == ElementType.INT16) {
            Quant out = NodeQuant.output(node);
            if (node.output().type().elementType() != ElementType.INT16 || out.zeroPoint() != 0
                    || Math.abs(out.scale() - 1f / 32768) > 0.001f * 1f / 32768)
                throw new CompileException(node + ": int16 softmax needs an int16 output with zero point 0 and scale 1/32768 "
                        + "(as TFLM requires)");
            double rescale = (double) in.scale() * beta / (10.0 / 65535.0);
            QuantizedMultiplier m = QuantizedMultiplier.of(rescale);
            return new SoftmaxParams(m.multiplier(), m.shift(), 0);
        }
        if (inType != ElementType.INT8) throw new CompileException(node + ": quantized softmax needs int8 or int16 input");
        QuantizedMultiplier m = preprocessSoftmaxScaling(beta, in.scale(), SCALED_DIFF_INTEGER_BITS);
        int diffMin = -calculateInputRadius(SCALED_DIFF_INTEGER_BITS, m.shift(), 31);
        return new SoftmaxParams(m.multiplier(), m.shift(), diffMin);
    }

    /** TFLite PreprocessSoftmaxScaling (double-rounding build: the cap is 2^31 - 1). */
    public static QuantizedMultiplier preprocessSoftmaxScaling(double beta, double inputScale, int inputIntegerBits) {
        double maxReal = (double) ((1L << 31) - 1);
        double real = Math.min(beta * inputScale * (double) (1 << (31 - inputIntegerBits)), maxReal);
        return QuantizedMultiplier.greaterThanOne(real);
    }

    /** TFLite CalculateInputRadius: floor((2^ib - 1) * 2^(total - ib) / 2^leftShift). */
    public static int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1)
                * (double) (1L << (totalSignedBits - inputIntegerBits)) / (double) (1L << inputLeftShift);
        return (int) Math.floor(maxInputRescaled);
    }
}
