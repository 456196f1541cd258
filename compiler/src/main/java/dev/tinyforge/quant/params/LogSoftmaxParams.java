package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of an int8 LOG_SOFTMAX, mirroring {@code tf_log_softmax_params} and TFLM
 * log_softmax.cc CalculateOpData: PreprocessLogSoftmaxScalingExp(beta = 1, input_scale, 5) gives the
 * input multiplier and left shift (as softmax's) and the reverse scaling divisor
 * QuantizeMultiplier(2^(31 - left_shift) / multiplier), whose shift (&lt;= 0) is stored negated as
 * reverse_scaling_right_shift; diff_min = -CalculateInputRadius(5, left_shift). TFLM requires the
 * output to be quantized with scale 16/256 and zero point 127.
 */
public record LogSoftmaxParams(int inputMultiplier, int inputLeftShift, int reverseScalingDivisor,
                               int reverseScalingRightShift, int diffMin) {

    public static final int SCALED_DIFF_INTEGER_BITS = 5;
    public static final float OUTPUT_SCALE = (float) (16.0 / 256);
    public static final int OUTPUT_ZERO_POINT = 127;

    public static LogSoftmaxParams prepare(Node node) {
        if (node.input(0).type().elementType() != ElementType.INT8)
            throw new CompileException(node + ": quantized LOG_SOFTMAX needs int8 input");
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        if (out.scale() != OUTPUT_SCALE || out.zeroPoint() != OUTPUT_ZERO_POINT)
            throw new CompileException(node + ": int8 LOG_SOFTMAX output must be quantized with scale 16/256 and zero point 127 "
                    + "(as TFLM requires), got scale " + out.scale() + ", zero point " + out.zeroPoint());
        QuantizedMultiplier m = SoftmaxParams.preprocessSoftmaxScaling(1.0, in.scale(), SCALED_DIFF_INTEGER_BITS);
        double reverse = (double) (1 << (31 - m.shift())) / (double) m.multiplier();
        QuantizedMultiplier r = QuantizedMultiplier.of(reverse);
        int diffMin = -SoftmaxParams.calculateInputRadius(SCALED_DIFF_INTEGER_BITS, m.shift(), 31);
        return new LogSoftmaxParams(m.multiplier(), m.shift(), r.multiplier(), -r.shift(), diffMin);
    }
}
