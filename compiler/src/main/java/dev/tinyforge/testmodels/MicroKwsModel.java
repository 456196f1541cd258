package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Value;

import java.util.Map;

import static dev.tinyforge.testmodels.FloatGraphBuilder.Padding.SAME;
import static dev.tinyforge.testmodels.FloatGraphBuilder.Padding.VALID;

/**
 * d. A keyword-spotting-shaped model small enough for a 16 KB RAM / 256 KB flash Cortex-M0: 32 frames x
 * 10 features, conv, depthwise, pointwise, pool, FC, softmax. About 3 KB of weights and activations of
 * at most 1.3 KB each.
 */
public final class MicroKwsModel {
    private MicroKwsModel() {}

    public static final String NAME = "micro_kws_int8";

    public static GeneratedModel generate() {
        FloatGraphBuilder b = new FloatGraphBuilder(NAME, 401);
        Value x = b.input("features", 1, 32, 10, 1);
        Value c1 = b.conv("conv", x, 8, 3, 2, SAME, Activation.RELU);
        Value dw = b.depthwise("depthwise", c1, 3, 1, 1, SAME, Activation.RELU);
        Value pw = b.conv("pointwise", dw, 16, 1, 1, VALID, Activation.RELU);
        Value pool = b.avgPool("avg_pool", pw, 2, 2, VALID);
        Value flat = b.reshape("flatten", pool, 1, 8 * 2 * 16);
        Value logits = b.fc("fc", flat, 4, Activation.NONE);
        b.output(b.softmax("softmax", logits));
        return new GeneratedModel(NAME, Calibration.quantize(b.graph(), Calibration.uniformInputs(b.graph(), 402, 24, -2f, 2f)),
                "1x32x10x1 int8 features -> conv 3x3/2 + RELU -> depthwise 3x3 + RELU -> conv 1x1 16 + RELU "
                        + "-> AVERAGE_POOL_2D 2x2/2 -> RESHAPE -> FULLY_CONNECTED 4 -> SOFTMAX; sized for a 16 KB RAM Cortex-M0",
                Map.of(), Map.of());
    }
}
