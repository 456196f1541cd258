package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

import java.util.Map;

import static dev.tinyforge.testmodels.FloatGraphBuilder.Padding.SAME;
import static dev.tinyforge.testmodels.FloatGraphBuilder.Padding.VALID;

/**
 * b. Branches and joins: a residual ADD of two differently scaled convs, a squeeze-and-excitation MUL
 * broadcasting [1,1,1,C], PAD + VALID conv beside a max pool, CONCATENATION, TRANSPOSE, RESHAPE and two
 * FC heads (two graph outputs).
 */
public final class ResidualModel {
    private ResidualModel() {}

    public static final String NAME = "residual_int8";

    public static GeneratedModel generate() {
        FloatGraphBuilder b = new FloatGraphBuilder(NAME, 201);
        Value x = b.input("input", 1, 16, 16, 4);
        Value c1 = b.conv("conv1", x, 8, 3, 1, SAME, Activation.RELU);
        Value c2 = b.conv("conv2", c1, 8, 3, 1, SAME, Activation.NONE);
        Value res = b.add("residual_add", c1, c2, Activation.RELU);
        Value squeeze = b.mean("se_mean", res, new int[] {1, 2}, true);
        Value excite = b.conv("se_conv", squeeze, 8, 1, 1, VALID, Activation.NONE);
        Value gate = b.unary("se_gate", OpKind.LOGISTIC, excite);
        Value scaled = b.mul("se_mul", res, gate, Activation.NONE);
        Value padded = b.pad("pad", scaled, 0, 0, 1, 1, 1, 1, 0, 0);
        Value c3 = b.conv("conv3", padded, 16, 3, 2, VALID, Activation.RELU);
        Value pooled = b.maxPool("max_pool", scaled, 2, 2, VALID);
        Value cat = b.concat("concat", 3, c3, pooled);
        Value t = b.transpose("transpose", cat, 0, 2, 1, 3);
        Value flat = b.reshape("flatten", t, 1, 8 * 8 * 24);
        b.output(b.softmax("class_softmax", b.fc("class_fc", flat, 10, Activation.NONE)));
        b.output(b.fc("box_fc", flat, 4, Activation.NONE));
        return new GeneratedModel(NAME, Calibration.quantize(b.graph(), Calibration.uniformInputs(b.graph(), 202, 16, -1f, 1f)),
                "16x16x4 int8 -> conv -> conv, residual ADD (inputs at different scales) -> MEAN(H,W, keep_dims) -> conv 1x1 "
                        + "-> LOGISTIC -> MUL broadcasting [1,1,1,8] (squeeze-excitation) -> {PAD + conv 3x3/2 VALID, MAX_POOL_2D} "
                        + "-> CONCATENATION -> TRANSPOSE -> RESHAPE -> two FULLY_CONNECTED heads (softmax classes, raw box)",
                Map.of(), Map.of());
    }
}
