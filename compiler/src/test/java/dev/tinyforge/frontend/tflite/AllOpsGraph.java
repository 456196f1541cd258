package dev.tinyforge.frontend.tflite;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A graph that uses every OpKind with a TFLite builtin (SVDF aside: the reader does not take it), with
 * the option variants the writer must encode: dilation, depth multiplier, absent bias, SAME pads with
 * the odd pixel after, PADV2's explicit value, slices with shrink and negative strides, SPLIT_V, resize
 * flags, FC keep_num_dims, QUANTIZE in both roles, float DIV. Types are plausible, not calibrated.
 * Nodes are named after their first output, as the reader names them, so write-read-write is a fixed point.
 */
final class AllOpsGraph {
    private final Graph g = new Graph("all_ops");
    private int counter;
    private final List<Value> terminals = new ArrayList<>();

    static Graph build() { return new AllOpsGraph().graph(); }

    private TensorType i8(int... shape) {
        counter++;
        return new TensorType(ElementType.INT8, shape, Quant.perTensor(0.01f * counter, (counter * 37) % 200 - 100));
    }

    private Value val(String name, int... shape) { return g.newValue(name, i8(shape)); }

    private Value weights(String name, int axis, int... shape) {
        int n = (int) new TensorType(ElementType.INT8, shape).elementCount();
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) ((i * 29 + counter) % 255 - 127);
        int channels = shape[axis];
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) scales[c] = 0.001f * (c + 1);
        counter++;
        return g.newConstant(name, Tensor.wrap(new TensorType(ElementType.INT8, shape, new Quant(scales, new int[channels], axis)), data));
    }

    private Value bias(String name, int channels) {
        int[] data = new int[channels];
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) { data[c] = c * 1000 - 3000; scales[c] = 1e-5f * (c + 1); }
        return g.newConstant(name, Tensor.wrap(new TensorType(ElementType.INT32, new int[] {channels}, new Quant(scales, new int[channels], 0)), data));
    }

    private Value op(OpKind kind, Attrs attrs, Value out, Value... ins) {
        g.addNode(out.name(), kind, attrs, Arrays.asList(ins), List.of(out));
        return out;
    }

    private Value keep(Value v) { terminals.add(v); return v; }

    private static int[] p(int... v) { return v; }

    private Graph graph() {
        Value x = g.addInput("input", i8(1, 8, 8, 4));
        Attrs none = Attrs.None.INSTANCE;

        Value c1 = op(OpKind.CONV_2D, new Attrs.Conv2D(p(1, 1, 1, 1), p(1, 1), p(1, 1), Activation.RELU),
                val("conv", 1, 8, 8, 6), x, weights("conv_w", 0, 6, 3, 3, 4), bias("conv_b", 6));
        Value c2 = op(OpKind.CONV_2D, new Attrs.Conv2D(p(2, 2, 2, 2), p(1, 1), p(2, 2), Activation.NONE),
                val("conv_dilated", 1, 8, 8, 6), c1, weights("conv_dilated_w", 0, 6, 3, 3, 6), null);
        Value dw = op(OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(p(0, 0, 1, 1), p(2, 2), p(1, 1), 2, Activation.RELU6),
                val("depthwise", 1, 4, 4, 12), c2, weights("depthwise_w", 3, 1, 3, 3, 12), bias("depthwise_b", 12));
        Value avg = op(OpKind.AVERAGE_POOL_2D, new Attrs.Pool2D(p(2, 2), p(2, 2), p(0, 0, 0, 0), Activation.NONE),
                val("avg_pool", 1, 2, 2, 12), dw);
        Value max = op(OpKind.MAX_POOL_2D, new Attrs.Pool2D(p(3, 3), p(2, 2), p(0, 0, 1, 1), Activation.RELU),
                val("max_pool", 1, 2, 2, 12), dw);
        Value add = op(OpKind.ADD, new Attrs.Binary(Activation.RELU), val("add", 1, 2, 2, 12), avg, max);
        Value sub = op(OpKind.SUB, new Attrs.Binary(Activation.NONE), val("sub", 1, 2, 2, 12), add, max);
        Value scale = weights("mul_scale", 3, 1, 1, 1, 12);
        Value mul = op(OpKind.MUL, new Attrs.Binary(Activation.RELU_N1_TO_1), val("mul", 1, 2, 2, 12), sub, scale);
        Value mx = op(OpKind.MAXIMUM, none, val("maximum", 1, 2, 2, 12), mul, avg);
        Value mn = op(OpKind.MINIMUM, none, val("minimum", 1, 2, 2, 12), mx, add);
        Value cat = op(OpKind.CONCATENATION, new Attrs.Concat(3, Activation.NONE), val("concat", 1, 2, 2, 24), mn, mx);
        keep(op(OpKind.MEAN, new Attrs.Reduce(p(1, 2), false), val("mean", 1, 24), cat));
        Value padOut = val("pad", 1, 4, 4, 24); // quantized PAD pads with the zero point
        keep(op(OpKind.PAD, new Attrs.Pad(p(0, 0, 1, 1, 1, 1, 0, 0), padOut.type().quant().zeroPoint()), padOut, cat));
        keep(op(OpKind.PAD, new Attrs.Pad(p(0, 0, 0, 1, 2, 0, 0, 0), -128), val("padv2", 1, 3, 4, 24), cat));
        Value flat = op(OpKind.RESHAPE, none, val("reshape", 1, 96), cat);
        keep(op(OpKind.TRANSPOSE, new Attrs.Transpose(p(0, 2, 1, 3)), val("transpose", 1, 2, 2, 24), cat));
        keep(op(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(p(0, 1, 0, 0), p(1, 1, 1, 2), p(1, 1, 2, 12)),
                val("slice", 1, 1, 2, 12), cat));
        keep(op(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(p(0, 1, 0, 3), p(1, 1, 1, 1), p(1, 1, 2, 12)),
                val("slice_shrink", 1, 2, 12), cat));
        keep(op(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(p(0, 0, 1, 23), p(1, 1, -1, -1), p(1, 2, 2, 12)),
                val("slice_reverse", 1, 2, 2, 12), cat));
        Value h1 = val("split_0", 1, 2, 2, 12), h2 = val("split_1", 1, 2, 2, 12);
        g.addNode("split_0", OpKind.SPLIT, new Attrs.Split(3, p(12, 12)), List.of(cat), List.of(h1, h2));
        Value v1 = val("split_v_0", 1, 2, 2, 4), v2 = val("split_v_1", 1, 2, 2, 8), v3 = val("split_v_2", 1, 2, 2, 12);
        g.addNode("split_v_0", OpKind.SPLIT, new Attrs.Split(3, p(4, 8, 12)), List.of(cat), List.of(v1, v2, v3));
        keep(v1);
        keep(v2);
        Value packed = op(OpKind.PACK, new Attrs.Axis(0), val("pack", 2, 1, 2, 2, 12), h1, h2);
        Value u1 = val("unpack_0", 1, 2, 2, 12), u2 = val("unpack_1", 1, 2, 2, 12);
        g.addNode("unpack_0", OpKind.UNPACK, new Attrs.Axis(0), List.of(packed), List.of(u1, u2));
        keep(u2);
        keep(op(OpKind.SOFTMAX, new Attrs.Softmax(0.5f), val("softmax", 1, 96), flat));
        keep(op(OpKind.LOG_SOFTMAX, none, val("log_softmax", 1, 96), flat));
        keep(op(OpKind.LOGISTIC, none, val("logistic", 1, 2, 2, 12), u1));
        keep(op(OpKind.TANH, none, val("tanh", 1, 2, 2, 12), u1));
        keep(op(OpKind.RELU, none, val("relu", 1, 2, 2, 12), u1));
        keep(op(OpKind.RELU6, none, val("relu6", 1, 2, 2, 12), u1));
        keep(op(OpKind.RELU_N1_TO_1, none, val("relu_n1_to_1", 1, 2, 2, 12), u1));
        keep(op(OpKind.HARD_SWISH, none, val("hard_swish", 1, 2, 2, 12), u1));
        keep(op(OpKind.LEAKY_RELU, new Attrs.LeakyRelu(0.2f), val("leaky_relu", 1, 2, 2, 12), u1));
        keep(op(OpKind.PRELU, none, val("prelu", 1, 2, 2, 12), u1, weights("prelu_alpha", 2, 1, 1, 12)));
        keep(op(OpKind.RESIZE_NEAREST_NEIGHBOR, new Attrs.Resize(false, true), val("resize_nearest", 1, 4, 4, 12), v3));
        keep(op(OpKind.RESIZE_BILINEAR, new Attrs.Resize(true, false), val("resize_bilinear", 1, 3, 3, 12), v3));
        Value fc = op(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.RELU, false), val("fc", 1, 10), flat,
                weights("fc_w", 0, 10, 96), bias("fc_b", 10));
        keep(op(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, true), val("fc_keep_dims", 1, 2, 2, 5), v3,
                weights("fc_keep_dims_w", 0, 5, 12), null));
        Value requant = op(OpKind.QUANTIZE, none, val("requantize", 1, 10), fc);
        Value deq = op(OpKind.DEQUANTIZE, none, g.newValue("dequantize", new TensorType(ElementType.FLOAT32, 1, 10)), requant);
        Value fIn = g.addInput("float_input", new TensorType(ElementType.FLOAT32, 1, 10));
        Value div = op(OpKind.DIV, new Attrs.Binary(Activation.NONE), g.newValue("div", new TensorType(ElementType.FLOAT32, 1, 10)), deq, fIn);
        keep(op(OpKind.QUANTIZE, none, val("quantize", 1, 10), div));
        for (Value t : terminals) g.addOutput(t);
        return g;
    }
}
