package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Value;

import java.util.Map;

import static dev.tinyforge.testmodels.FloatGraphBuilder.Padding.SAME;

/** a. A MobileNet-like stem: conv 3x3/2 + RELU6, depthwise 3x3, conv 1x1, global average pool, FC, softmax. */
public final class TinyConvnetModel {
    private TinyConvnetModel() {}

    public static final String NAME = "tiny_convnet_int8";

    public static GeneratedModel generate() {
        FloatGraphBuilder b = new FloatGraphBuilder(NAME, 101);
        Value x = b.input("input", 1, 16, 16, 3);
        Value c1 = b.conv("conv1", x, 8, 3, 2, SAME, Activation.RELU6);
        Value dw = b.depthwise("depthwise", c1, 3, 1, 1, SAME, Activation.RELU6);
        Value c2 = b.conv("pointwise", dw, 16, 1, 1, SAME, Activation.RELU);
        Value pool = b.globalAvgPool("avg_pool", c2);
        Value flat = b.reshape("flatten", pool, 1, 16);
        Value logits = b.fc("fc", flat, 10, Activation.NONE);
        b.output(b.softmax("softmax", logits));
        return new GeneratedModel(NAME, Calibration.quantize(b.graph(), Calibration.uniformInputs(b.graph(), 102, 24, 0f, 1f)),
                "16x16x3 int8 image -> conv 3x3 stride 2 SAME + fused RELU6 (per-channel weights) -> depthwise 3x3 + RELU6 "
                        + "-> conv 1x1 + RELU -> global AVERAGE_POOL_2D -> RESHAPE -> FULLY_CONNECTED 10 -> SOFTMAX",
                Map.of(), Map.of());
    }
}
