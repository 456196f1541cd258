package dev.tinyforge.frontend.tflite;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

import java.util.Arrays;

import static dev.tinyforge.frontend.tflite.TfliteSchema.*;

/**
 * Lowers one IR node to TFLite operators in a {@link TfliteWriterPlan}: picks the builtin code and
 * version, turns attributes back into an options table and into the int32 constant inputs TFLite keeps
 * (axes, paddings, perm, shapes, slice bounds, split axis), and turns explicit conv pads back into SAME
 * or VALID, inserting a PAD operator when neither reproduces them.
 */
final class TfliteOpWriter {
    private final TfliteWriterPlan plan;

    TfliteOpWriter(TfliteWriterPlan plan) { this.plan = plan; }

    void write(Node n) {
        switch (n.kind()) {
            case CONV_2D -> conv2d(n);
            case DEPTHWISE_CONV_2D -> depthwiseConv2d(n);
            case FULLY_CONNECTED -> {
                Attrs.FullyConnected a = n.attrs(Attrs.FullyConnected.class);
                emit(n, OP_FULLY_CONNECTED, inputs(n), OPT_FULLY_CONNECTED, TfliteOptionsWriter.table()
                        .enumByte(FullyConnectedOptions.FUSED_ACTIVATION, a.activation().ordinal())
                        .bool(FullyConnectedOptions.KEEP_NUM_DIMS, a.keepNumDims()));
            }
            case AVERAGE_POOL_2D -> pool(n, OP_AVERAGE_POOL_2D);
            case MAX_POOL_2D -> pool(n, OP_MAX_POOL_2D);
            case ADD -> binary(n, OP_ADD, OPT_ADD);
            case SUB -> binary(n, OP_SUB, OPT_SUB);
            case MUL -> binary(n, OP_MUL, OPT_MUL);
            case DIV -> binary(n, OP_DIV, OPT_DIV);
            case MAXIMUM -> emit(n, OP_MAXIMUM, inputs(n), OPT_MAXIMUM_MINIMUM, TfliteOptionsWriter.table());
            case MINIMUM -> emit(n, OP_MINIMUM, inputs(n), OPT_MAXIMUM_MINIMUM, TfliteOptionsWriter.table());
            case CONCATENATION -> {
                Attrs.Concat a = n.attrs(Attrs.Concat.class);
                emit(n, OP_CONCATENATION, inputs(n), OPT_CONCATENATION, TfliteOptionsWriter.table()
                        .int32(ConcatenationOptions.AXIS, a.axis())
                        .enumByte(ConcatenationOptions.FUSED_ACTIVATION, a.activation().ordinal()));
            }
            case MEAN -> {
                Attrs.Reduce a = n.attrs(Attrs.Reduce.class);
                int axes = plan.constInt32(n.name() + "/axes", new int[] {a.axes().length}, a.axes());
                emit(n, OP_MEAN, new int[] {plan.tensor(n.input(0)), axes}, OPT_REDUCER,
                        TfliteOptionsWriter.table().bool(ReducerOptions.KEEP_DIMS, a.keepDims()));
            }
            case PAD -> pad(n);
            case RESHAPE -> {
                int[] shape = n.output().type().shape();
                int newShape = plan.constInt32(n.name() + "/shape", new int[] {shape.length}, shape);
                emit(n, OP_RESHAPE, new int[] {plan.tensor(n.input(0)), newShape}, OPT_RESHAPE,
                        TfliteOptionsWriter.table().intVector(ReshapeOptions.NEW_SHAPE, shape));
            }
            case TRANSPOSE -> {
                int[] perm = n.attrs(Attrs.Transpose.class).perm();
                int permTensor = plan.constInt32(n.name() + "/perm", new int[] {perm.length}, perm);
                emit(n, OP_TRANSPOSE, new int[] {plan.tensor(n.input(0)), permTensor}, OPT_TRANSPOSE,
                        TfliteOptionsWriter.table());
            }
            case STRIDED_SLICE -> new TfliteStridedSliceWriter(plan).write(n);
            case SPLIT -> split(n);
            case PACK -> emit(n, OP_PACK, inputs(n), OPT_PACK, TfliteOptionsWriter.table()
                    .int32(PackOptions.VALUES_COUNT, n.inputs().size())
                    .int32(PackOptions.AXIS, n.attrs(Attrs.Axis.class).axis()));
            case UNPACK -> emit(n, OP_UNPACK, inputs(n), OPT_UNPACK, TfliteOptionsWriter.table()
                    .int32(UnpackOptions.NUM, n.outputs().size())
                    .int32(UnpackOptions.AXIS, n.attrs(Attrs.Axis.class).axis()));
            case SOFTMAX -> emit(n, OP_SOFTMAX, inputs(n), OPT_SOFTMAX, TfliteOptionsWriter.table()
                    .float32(SoftmaxOptions.BETA, n.attrs(Attrs.Softmax.class).beta()));
            case LOG_SOFTMAX -> emit(n, OP_LOG_SOFTMAX, inputs(n), OPT_LOG_SOFTMAX, TfliteOptionsWriter.table());
            case LOGISTIC -> emit(n, OP_LOGISTIC, inputs(n), OPT_NONE, null);
            case TANH -> emit(n, OP_TANH, inputs(n), OPT_NONE, null);
            case RELU -> emit(n, OP_RELU, inputs(n), OPT_NONE, null);
            case RELU6 -> emit(n, OP_RELU6, inputs(n), OPT_NONE, null);
            case RELU_N1_TO_1 -> emit(n, OP_RELU_N1_TO_1, inputs(n), OPT_NONE, null);
            case PRELU -> emit(n, OP_PRELU, inputs(n), OPT_NONE, null);
            case HARD_SWISH -> emit(n, OP_HARD_SWISH, inputs(n), OPT_HARD_SWISH, TfliteOptionsWriter.table());
            case LEAKY_RELU -> emit(n, OP_LEAKY_RELU, inputs(n), OPT_LEAKY_RELU, TfliteOptionsWriter.table()
                    .float32(LeakyReluOptions.ALPHA, n.attrs(Attrs.LeakyRelu.class).alpha()));
            case RESIZE_NEAREST_NEIGHBOR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                emit(n, OP_RESIZE_NEAREST_NEIGHBOR, resizeInputs(n), OPT_RESIZE_NEAREST_NEIGHBOR, TfliteOptionsWriter.table()
                        .bool(ResizeNearestNeighborOptions.ALIGN_CORNERS, a.alignCorners())
                        .bool(ResizeNearestNeighborOptions.HALF_PIXEL_CENTERS, a.halfPixelCenters()));
            }
            case RESIZE_BILINEAR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                emit(n, OP_RESIZE_BILINEAR, resizeInputs(n), OPT_RESIZE_BILINEAR, TfliteOptionsWriter.table()
                        .bool(ResizeBilinearOptions.ALIGN_CORNERS, a.alignCorners())
                        .bool(ResizeBilinearOptions.HALF_PIXEL_CENTERS, a.halfPixelCenters()));
            }
            case QUANTIZE -> emit(n, OP_QUANTIZE, inputs(n), OPT_QUANTIZE, TfliteOptionsWriter.table());
            case DEQUANTIZE -> emit(n, OP_DEQUANTIZE, inputs(n), OPT_DEQUANTIZE, TfliteOptionsWriter.table());
            case SVDF -> {
                Attrs.Svdf a = n.attrs(Attrs.Svdf.class);
                emit(n, OP_SVDF, inputs(n), OPT_SVDF, TfliteOptionsWriter.table()
                        .int32(SvdfOptions.RANK, a.rank())
                        .enumByte(SvdfOptions.FUSED_ACTIVATION, a.activation().ordinal()));
            }
        }
    }

    private void conv2d(Node n) {
        Attrs.Conv2D a = n.attrs(Attrs.Conv2D.class);
        int[] filter = spatial(n.input(1).type()); // OHWI
        int[] ins = inputs(n);
        int padding = paddingOrExplicitPad(n, ins, filter, a.strides(), a.dilations(), a.pads());
        emit(n, OP_CONV_2D, ins, OPT_CONV_2D, TfliteOptionsWriter.table()
                .enumByte(Conv2DOptions.PADDING, padding)
                .int32(Conv2DOptions.STRIDE_W, a.strides()[1])
                .int32(Conv2DOptions.STRIDE_H, a.strides()[0])
                .enumByte(Conv2DOptions.FUSED_ACTIVATION, a.activation().ordinal())
                .int32(Conv2DOptions.DILATION_W, a.dilations()[1], 1)
                .int32(Conv2DOptions.DILATION_H, a.dilations()[0], 1));
    }

    private void depthwiseConv2d(Node n) {
        Attrs.DepthwiseConv2D a = n.attrs(Attrs.DepthwiseConv2D.class);
        int[] filter = spatial(n.input(1).type()); // 1 x H x W x (C*multiplier)
        int[] ins = inputs(n);
        int padding = paddingOrExplicitPad(n, ins, filter, a.strides(), a.dilations(), a.pads());
        emit(n, OP_DEPTHWISE_CONV_2D, ins, OPT_DEPTHWISE_CONV_2D, TfliteOptionsWriter.table()
                .enumByte(DepthwiseConv2DOptions.PADDING, padding)
                .int32(DepthwiseConv2DOptions.STRIDE_W, a.strides()[1])
                .int32(DepthwiseConv2DOptions.STRIDE_H, a.strides()[0])
                .int32(DepthwiseConv2DOptions.DEPTH_MULTIPLIER, a.depthMultiplier())
                .enumByte(DepthwiseConv2DOptions.FUSED_ACTIVATION, a.activation().ordinal())
                .int32(DepthwiseConv2DOptions.DILATION_W, a.dilations()[1], 1)
                .int32(DepthwiseConv2DOptions.DILATION_H, a.dilations()[0], 1));
    }

    /**
     * SAME or VALID when one reproduces the pads; otherwise pads the input with an explicit PAD (its
     * zero point, which is what a convolution pads with) and convolves VALID. ins[0] is rewritten then.
     */
    private int paddingOrExplicitPad(Node n, int[] ins, int[] filter, int[] strides, int[] dilations, int[] pads) {
        TensorType in = n.input(0).type();
        int mode = TflitePaddingWriter.choose(spatial(in), filter, strides, dilations, pads);
        if (mode != TflitePaddingWriter.NONE) return mode;
        int[] shape = in.shape();
        shape[1] += pads[0] + pads[2];
        shape[2] += pads[1] + pads[3];
        int paddings = plan.constInt32(n.name() + "/paddings", new int[] {4, 2},
                0, 0, pads[0], pads[2], pads[1], pads[3], 0, 0);
        int padded = plan.intermediate(n.name() + "/padded", in.withShape(shape));
        int version = in.elementType() == ElementType.INT8 ? 2 : in.elementType() == ElementType.INT16 ? 3 : 1;
        plan.addOperator(OP_PAD, version, new int[] {ins[0], paddings}, new int[] {padded}, OPT_PAD,
                TfliteOptionsWriter.table());
        ins[0] = padded;
        return TfliteSchema.PADDING_VALID;
    }

    private void pool(Node n, int builtin) {
        Attrs.Pool2D a = n.attrs(Attrs.Pool2D.class);
        int padding = TflitePaddingWriter.choose(spatial(n.input(0).type()), a.filter(), a.strides(),
                new int[] {1, 1}, a.pads());
        // Padded positions do not take part in a TFLite pool, so an explicit PAD would change results.
        if (padding == TflitePaddingWriter.NONE)
            throw new CompileException(n + ": pads " + Arrays.toString(a.pads()) + " are neither SAME nor VALID; TFLite cannot express them");
        emit(n, builtin, inputs(n), OPT_POOL_2D, TfliteOptionsWriter.table()
                .enumByte(Pool2DOptions.PADDING, padding)
                .int32(Pool2DOptions.STRIDE_W, a.strides()[1])
                .int32(Pool2DOptions.STRIDE_H, a.strides()[0])
                .int32(Pool2DOptions.FILTER_WIDTH, a.filter()[1])
                .int32(Pool2DOptions.FILTER_HEIGHT, a.filter()[0])
                .enumByte(Pool2DOptions.FUSED_ACTIVATION, a.activation().ordinal()));
    }

    private void binary(Node n, int builtin, int optionsType) {
        emit(n, builtin, inputs(n), optionsType, TfliteOptionsWriter.table()
                .enumByte(ArithmeticOptions.FUSED_ACTIVATION, n.attrs(Attrs.Binary.class).activation().ordinal()));
    }

    /** PAD when the padding value is the implicit one, PADV2 with a scalar constant otherwise. */
    private void pad(Node n) {
        Attrs.Pad a = n.attrs(Attrs.Pad.class);
        TensorType in = n.input(0).type();
        int[] pads = a.pads();
        int paddings = plan.constInt32(n.name() + "/paddings", new int[] {pads.length / 2, 2}, pads);
        // TFLite's PAD fills with the output's zero point (0.0 for float); anything else needs PADV2.
        TensorType out = n.output().type();
        double implicit = out.quant() != null ? out.quant().zeroPoint() : 0.0;
        if (a.value() == implicit) {
            emit(n, OP_PAD, new int[] {plan.tensor(n.input(0)), paddings}, OPT_PAD, TfliteOptionsWriter.table());
            return;
        }
        Tensor value = Tensor.zeros(new TensorType(in.elementType(), new int[0], in.quant()));
        value.setDouble(0, a.value());
        int valueTensor = plan.constant(n.name() + "/constant_values", value);
        plan.addOperator(OP_PADV2, TfliteWriterVersions.of(n), new int[] {plan.tensor(n.input(0)), paddings, valueTensor},
                outputs(n), OPT_PADV2, TfliteOptionsWriter.table());
    }

    /** SPLIT for equal pieces (axis first, as TFLite orders it), SPLIT_V otherwise. */
    private void split(Node n) {
        Attrs.Split a = n.attrs(Attrs.Split.class);
        int[] sizes = a.sizes();
        boolean equal = Arrays.stream(sizes).allMatch(s -> s == sizes[0]);
        int axis = plan.constInt32(n.name() + "/axis", new int[0], a.axis());
        if (equal) {
            emit(n, OP_SPLIT, new int[] {axis, plan.tensor(n.input(0))}, OPT_SPLIT,
                    TfliteOptionsWriter.table().int32(SplitOptions.NUM_SPLITS, sizes.length));
        } else {
            int sizeSplits = plan.constInt32(n.name() + "/size_splits", new int[] {sizes.length}, sizes);
            plan.addOperator(OP_SPLIT_V, n.input(0).type().elementType() == ElementType.INT8 ? 2 : 1,
                    new int[] {plan.tensor(n.input(0)), sizeSplits, axis}, outputs(n), OPT_SPLIT_V,
                    TfliteOptionsWriter.table().int32(SplitVOptions.NUM_SPLITS, sizes.length));
        }
    }

    /** Resize ops take the output {height, width} as an int32 input. */
    private int[] resizeInputs(Node n) {
        TensorType out = n.output().type();
        int size = plan.constInt32(n.name() + "/size", new int[] {2}, out.dim(1), out.dim(2));
        return new int[] {plan.tensor(n.input(0)), size};
    }

    private void emit(Node n, int builtin, int[] ins, int optionsType, TfliteOptionsWriter options) {
        plan.addOperator(builtin, TfliteWriterVersions.of(n), ins, outputs(n), optionsType, options);
    }

    private int[] inputs(Node n) { return plan.tensors(n.inputs()); }

    private int[] outputs(Node n) { return plan.tensors(n.outputs()); }

    /** {h, w} of an NHWC activation, an OHWI filter or a 1HWC depthwise filter: dims 1 and 2. */
    private static int[] spatial(TensorType t) { return new int[] {t.dim(1), t.dim(2)}; }
}
