package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;

/**
 * Float activation functions. StrictMath keeps every result identical on every JVM, which the committed
 * test models depend on: their quantization parameters come from these values.
 */
final class Activations {
    private Activations() {}

    static float apply(Activation a, float v) {
        return switch (a) {
            case NONE -> v;
            case RELU -> Math.max(v, 0f);
            case RELU_N1_TO_1 -> Math.max(-1f, Math.min(1f, v));
            case RELU6 -> Math.max(0f, Math.min(6f, v));
            case TANH -> (float) StrictMath.tanh(v);
            case SIGN_BIT -> v < 0 ? 1f : 0f;
        };
    }

    static float logistic(float v) { return (float) (1.0 / (1.0 + StrictMath.exp(-v))); }

    static float hardSwish(float v) { return v * Math.max(0f, Math.min(6f, v + 3f)) / 6f; }
}
