package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;

/** Dispatches one node to its float kernel; output shapes come from the node's output types. */
final class FloatOps {
    private FloatOps() {}

    static FloatTensor[] apply(Node n, FloatTensor[] in) {
        int[] out = n.output().type().shape();
        return switch (n.kind()) {
            case CONV_2D -> {
                Attrs.Conv2D a = n.attrs(Attrs.Conv2D.class);
                yield one(ConvKernels.conv2d(in[0], in[1], opt(in, 2), a.pads(), a.strides(), a.dilations(), a.activation(), out));
            }
            case DEPTHWISE_CONV_2D -> {
                Attrs.DepthwiseConv2D a = n.attrs(Attrs.DepthwiseConv2D.class);
                yield one(ConvKernels.depthwise(in[0], in[1], opt(in, 2), a.pads(), a.strides(), a.dilations(),
                        a.depthMultiplier(), a.activation(), out));
            }
            case FULLY_CONNECTED -> one(ConvKernels.fullyConnected(in[0], in[1], opt(in, 2),
                    n.attrs(Attrs.FullyConnected.class).activation(), out));
            case AVERAGE_POOL_2D, MAX_POOL_2D -> {
                Attrs.Pool2D a = n.attrs(Attrs.Pool2D.class);
                yield one(PoolKernels.pool(in[0], a.filter(), a.strides(), a.pads(), a.activation(),
                        n.kind() == dev.tinyforge.ir.OpKind.MAX_POOL_2D, out));
            }
            case MEAN -> one(PoolKernels.mean(in[0], n.attrs(Attrs.Reduce.class).axes(), out));
            case ADD -> one(ElementwiseKernels.binary(in[0], in[1], Double::sum, act(n), out));
            case SUB -> one(ElementwiseKernels.binary(in[0], in[1], (a, b) -> a - b, act(n), out));
            case MUL -> one(ElementwiseKernels.binary(in[0], in[1], (a, b) -> a * b, act(n), out));
            case DIV -> one(ElementwiseKernels.binary(in[0], in[1], (a, b) -> a / b, act(n), out));
            case MAXIMUM -> one(ElementwiseKernels.binary(in[0], in[1], Math::max, Activation.NONE, out));
            case MINIMUM -> one(ElementwiseKernels.binary(in[0], in[1], Math::min, Activation.NONE, out));
            case PRELU -> one(ElementwiseKernels.binary(in[0], in[1], (x, alpha) -> x >= 0 ? x : alpha * x, Activation.NONE, out));
            case LOGISTIC -> one(ElementwiseKernels.unary(in[0], v -> Activations.logistic((float) v), out));
            case TANH -> one(ElementwiseKernels.unary(in[0], v -> StrictMath.tanh(v), out));
            case RELU -> one(ElementwiseKernels.unary(in[0], v -> Activations.apply(Activation.RELU, (float) v), out));
            case RELU6 -> one(ElementwiseKernels.unary(in[0], v -> Activations.apply(Activation.RELU6, (float) v), out));
            case RELU_N1_TO_1 -> one(ElementwiseKernels.unary(in[0], v -> Activations.apply(Activation.RELU_N1_TO_1, (float) v), out));
            case HARD_SWISH -> one(ElementwiseKernels.unary(in[0], v -> Activations.hardSwish((float) v), out));
            case LEAKY_RELU -> {
                float alpha = n.attrs(Attrs.LeakyRelu.class).alpha();
                yield one(ElementwiseKernels.unary(in[0], v -> v >= 0 ? v : alpha * v, out));
            }
            case QUANTIZE, DEQUANTIZE, RESHAPE -> one(new FloatTensor(out, in[0].data().clone()));
            case SOFTMAX -> one(SoftmaxKernels.softmax(in[0], n.attrs(Attrs.Softmax.class).beta(), false, out));
            case LOG_SOFTMAX -> one(SoftmaxKernels.softmax(in[0], 1.0, true, out));
            case TRANSPOSE -> one(ShapeKernels.transpose(in[0], n.attrs(Attrs.Transpose.class).perm(), out));
            case STRIDED_SLICE -> {
                Attrs.StridedSlice a = n.attrs(Attrs.StridedSlice.class);
                yield one(ShapeKernels.stridedSlice(in[0], a.begin(), a.strides(), a.sizes(), out));
            }
            case SPLIT -> {
                Attrs.Split a = n.attrs(Attrs.Split.class);
                FloatTensor[] r = new FloatTensor[a.sizes().length];
                for (int i = 0, start = 0; i < r.length; start += a.sizes()[i], i++)
                    r[i] = ShapeKernels.slab(in[0], a.axis(), start, a.sizes()[i], n.output(i).type().shape());
                yield r;
            }
            case UNPACK -> {
                int axis = n.attrs(Attrs.Axis.class).axis();
                FloatTensor[] r = new FloatTensor[n.outputs().size()];
                for (int i = 0; i < r.length; i++) r[i] = ShapeKernels.slab(in[0], axis, i, 1, n.output(i).type().shape());
                yield r;
            }
            case PACK -> {
                int[] extents = new int[in.length];
                java.util.Arrays.fill(extents, 1);
                yield one(ShapeKernels.join(in, extents, n.attrs(Attrs.Axis.class).axis(), out));
            }
            case CONCATENATION -> {
                Attrs.Concat a = n.attrs(Attrs.Concat.class);
                int[] extents = new int[in.length];
                for (int i = 0; i < in.length; i++) extents[i] = in[i].dim(a.axis());
                FloatTensor joined = ShapeKernels.join(in, extents, a.axis(), out);
                yield one(ElementwiseKernels.unary(joined, v -> Activations.apply(a.activation(), (float) v), out));
            }
            case PAD -> {
                Attrs.Pad a = n.attrs(Attrs.Pad.class);
                yield one(ShapeKernels.pad(in[0], a.pads(), FloatEvaluator.realPadValue(a, n.input(0).type()), out));
            }
            case RESIZE_NEAREST_NEIGHBOR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                yield one(ResizeKernels.nearest(in[0], a.alignCorners(), a.halfPixelCenters(), out));
            }
            case RESIZE_BILINEAR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                yield one(ResizeKernels.bilinear(in[0], a.alignCorners(), a.halfPixelCenters(), out));
            }
            case SVDF -> throw new UnsupportedOperationException("the float evaluator has no SVDF");
            // ops added for the ONNX frontend are not used by the test models
            case ABS, NEG, EXP, SQRT, POW_SCALAR, ROUND, ELU, THRESHOLDED_RELU, ARG_MAX, REDUCE_MAX, GATHER, BROADCAST_TO,
                    BATCH_MATMUL, TRANSPOSE_CONV, PAD_BORDER, RESIZE_ND, POOL_ND, CAST ->
                    throw new UnsupportedOperationException("the float evaluator has no " + n.kind());
        };
    }

    private static Activation act(Node n) { return n.attrs(Attrs.Binary.class).activation(); }

    private static FloatTensor opt(FloatTensor[] in, int i) { return i < in.length ? in[i] : null; }

    private static FloatTensor[] one(FloatTensor t) { return new FloatTensor[] {t}; }
}
