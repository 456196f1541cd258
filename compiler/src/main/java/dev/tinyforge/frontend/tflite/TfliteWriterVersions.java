package dev.tinyforge.frontend.tflite;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * The operator-code version TFLite's converter would record for a node: the lowest version whose kernel
 * supports the node's types and options (int8 kernels are version 2 for most ops, 3 for convolutions,
 * 4 for fully connected). TFLM registers kernels by builtin code, so these only need to be plausible
 * and never lower than what the node needs.
 */
final class TfliteWriterVersions {
    private TfliteWriterVersions() {}

    static int of(Node n) {
        ElementType in = n.input(0).type().elementType();
        boolean int8 = in == ElementType.INT8, int16 = in == ElementType.INT16;
        int rank = n.input(0).type().rank();
        return switch (n.kind()) {
            case CONV_2D -> int16 ? 4 : int8 ? 3 : 1;
            case DEPTHWISE_CONV_2D -> {
                Attrs.DepthwiseConv2D a = n.attrs(Attrs.DepthwiseConv2D.class);
                boolean dilated = a.dilations()[0] != 1 || a.dilations()[1] != 1;
                yield int16 ? 5 : int8 ? 3 : dilated ? 2 : 1;
            }
            case FULLY_CONNECTED -> {
                if (n.input(2) == null) yield 6;
                if (n.attrs(Attrs.FullyConnected.class).keepNumDims()) yield 5;
                yield int8 ? 4 : 1;
            }
            case AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION, MEAN, SOFTMAX, RELU6, RELU, LOGISTIC, TANH ->
                    int16 ? 3 : int8 ? 2 : 1;
            case ADD -> int16 ? 3 : int8 ? 2 : 1;
            case SUB -> rank > 4 ? 3 : int8 ? 2 : 1;
            case MUL -> int16 ? 4 : int8 ? (mulRescalesUp(n) ? 3 : 2) : 1;
            case MAXIMUM, MINIMUM -> int16 ? 4 : int8 ? 2 : 1;
            case PAD -> rank > 4 ? 4 : int16 ? 3 : int8 ? 2 : 1;
            case TRANSPOSE -> rank > 4 ? 4 : int16 ? 5 : int8 ? 2 : 1;
            case STRIDED_SLICE -> rank > 4 ? 4 : int8 ? 2 : 1;
            case SPLIT -> int16 ? 4 : int8 ? 2 : 1;
            case PACK -> int16 ? 3 : int8 ? 2 : 1;
            case UNPACK -> int16 ? 4 : int8 ? 2 : 1;
            case LOG_SOFTMAX -> int8 ? 2 : 1;
            case LEAKY_RELU -> int16 ? 2 : 1;
            case RESIZE_BILINEAR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                yield int16 ? 4 : a.halfPixelCenters() ? 3 : int8 ? 2 : 1;
            }
            case RESIZE_NEAREST_NEIGHBOR -> {
                Attrs.Resize a = n.attrs(Attrs.Resize.class);
                yield int16 ? 4 : (a.halfPixelCenters() || a.alignCorners()) ? 3 : int8 ? 2 : 1;
            }
            case QUANTIZE -> n.output().type().elementType() == ElementType.INT16 ? 2 : 1;
            case DEQUANTIZE -> {
                TensorType t = n.input(0).type();
                if (int16) yield 3;
                yield int8 ? (t.quant() != null && t.quant().isPerChannel() ? 5 : 2) : 1;
            }
            case SVDF -> int8 ? 3 : 1;
            case DIV, RESHAPE, RELU_N1_TO_1, HARD_SWISH, PRELU -> 1;
            // ops added for the ONNX frontend have no TFLite builtin
            case ABS, NEG, EXP, SQRT, POW_SCALAR, ROUND, ELU, THRESHOLDED_RELU, ARG_MAX, REDUCE_MAX, GATHER, BROADCAST_TO,
                    BATCH_MATMUL, TRANSPOSE_CONV, PAD_BORDER, RESIZE_ND, POOL_ND, CAST ->
                    throw new dev.tinyforge.CompileException(n + ": " + n.kind() + " cannot be written as a TFLite builtin");
        };
    }

    /** MUL's int8 kernel gained support for an effective scale >= 1 in version 3. */
    private static boolean mulRescalesUp(Node n) {
        Value a = n.input(0), b = n.input(1), out = n.output();
        if (a.type().quant() == null || b.type().quant() == null || out.type().quant() == null) return false;
        return (double) a.type().quant().scale() * b.type().quant().scale() / out.type().quant().scale() >= 1.0;
    }
}
