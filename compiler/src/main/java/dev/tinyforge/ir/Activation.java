package dev.tinyforge.ir;

/** A fused activation, as TFLite defines them. The clamp it implies depends on the output's quantization. */
public enum Activation {
    NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT
}
