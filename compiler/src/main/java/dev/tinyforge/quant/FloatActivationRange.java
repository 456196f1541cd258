package dev.tinyforge.quant;

import dev.tinyforge.ir.Activation;

/** TFLite CalculateActivationRange for float kernels. */
public record FloatActivationRange(float min, float max) {

    public static FloatActivationRange of(Activation activation) {
        Activation a = activation == null ? Activation.NONE : activation;
        return switch (a) {
            case RELU -> new FloatActivationRange(0f, Float.MAX_VALUE);
            case RELU6 -> new FloatActivationRange(0f, 6f);
            case RELU_N1_TO_1 -> new FloatActivationRange(-1f, 1f);
            default -> new FloatActivationRange(-Float.MAX_VALUE, Float.MAX_VALUE);
        };
    }

    /** ActivationFunctionWithMinMax: min(max(x, lo), hi). */
    public float apply(float x) {
        return Math.min(Math.max(x, min), max);
    }
}
