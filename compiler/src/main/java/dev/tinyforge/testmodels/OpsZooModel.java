package dev.tinyforge.testmodels;

import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

import java.util.Map;

/**
 * c. The less common int8 ops in one graph with two inputs: a float32 input that is QUANTIZEd and an int8
 * input; STRIDED_SLICE, SPLIT, PACK/UNPACK, SUB, MAXIMUM/MINIMUM, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU,
 * PRELU, both resizes, RELU/RELU6, MEAN, LOG_SOFTMAX, and a DEQUANTIZE to a float32 output.
 */
public final class OpsZooModel {
    private OpsZooModel() {}

    public static final String NAME = "ops_zoo_int8";

    public static GeneratedModel generate() {
        FloatGraphBuilder b = new FloatGraphBuilder(NAME, 301);
        Value xf = b.input("float_input", 1, 8, 8, 4);
        Value x2 = b.input("int8_input", 1, 8, 8, 4);
        Value xq = b.quantize("quantize", xf);
        Value diff = b.sub("sub", xq, x2, dev.tinyforge.ir.Activation.NONE);
        Value hi = b.maximum("maximum", xq, x2);
        Value lo = b.minimum("minimum", xq, x2);
        Value[] halves = b.split("split", hi, 3, 2, 2);
        Value sig = b.unary("logistic", OpKind.LOGISTIC, halves[0]);
        Value th = b.unary("tanh", OpKind.TANH, halves[1]);
        Value swish = b.unary("hard_swish", OpKind.HARD_SWISH, lo);
        Value leaky = b.leakyRelu("leaky_relu", diff, 0.1f);
        Value pr = b.prelu("prelu", leaky, b.uniform(4, 0.05f, 0.3f));
        Value sliced = b.stridedSlice("strided_slice", diff, new int[] {0, 0, 1, 0}, new int[] {1, 2, 2, 1},
                new int[] {1, 4, 4, 4}, false);
        Value nearest = b.resize("resize_nearest", OpKind.RESIZE_NEAREST_NEIGHBOR, sliced, 8, 8, false, false);
        Value bilinear = b.resize("resize_bilinear", OpKind.RESIZE_BILINEAR, sliced, 6, 6, false, true);
        Value[] planes = b.unpack("unpack", nearest, 3);
        Value packed = b.pack("pack", 3, planes[0], planes[2]);
        Value relu = b.unary("relu", OpKind.RELU, pr);
        Value relu6 = b.unary("relu6", OpKind.RELU6, swish);
        Value gates = b.add("gates_add", sig, th, dev.tinyforge.ir.Activation.NONE);
        Value gated = b.mul("gated_mul", gates, packed, dev.tinyforge.ir.Activation.NONE);
        Value mixed = b.add("mix_add", relu, relu6, dev.tinyforge.ir.Activation.NONE);
        Value pooled = b.mean("mean", bilinear, new int[] {1, 2}, false);
        Value logProbs = b.unary("log_softmax", OpKind.LOG_SOFTMAX, pooled);
        b.output(b.dequantize("dequantize", logProbs));
        b.output(gated);
        b.output(mixed);
        return new GeneratedModel(NAME, Calibration.quantize(b.graph(), Calibration.uniformInputs(b.graph(), 302, 24, -3f, 3f)),
                "two inputs (float32 -> QUANTIZE, and int8) -> SUB, MAXIMUM, MINIMUM, SPLIT, LOGISTIC, TANH, HARD_SWISH, "
                        + "LEAKY_RELU, PRELU, STRIDED_SLICE (stride 2), RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR (half-pixel), "
                        + "UNPACK, PACK, RELU, RELU6, ADD, MUL, MEAN, LOG_SOFTMAX -> DEQUANTIZE (float32 output) plus two int8 outputs",
                Map.of(), Map.of());
    }
}
