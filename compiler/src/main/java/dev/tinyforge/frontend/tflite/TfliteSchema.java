package dev.tinyforge.frontend.tflite;

/**
 * The subset of TFLite's flatbuffer schema (schema.fbs) that tinyforge reads and writes, written down
 * from the field order of the format: a table field with id N sits in vtable slot 4 + 2N, and a union
 * takes two ids (its type byte, then its value). Shared by {@link TfliteReader} and the test-model writer.
 */
public final class TfliteSchema {
    private TfliteSchema() {}

    /** "TFL3" at byte offset 4. */
    public static final String FILE_IDENTIFIER = "TFL3";

    /** Field ids, table by table. */
    public static final class Model {
        public static final int VERSION = 0, OPERATOR_CODES = 1, SUBGRAPHS = 2, DESCRIPTION = 3, BUFFERS = 4,
                METADATA_BUFFER = 5, METADATA = 6, SIGNATURE_DEFS = 7;
    }

    public static final class OperatorCode {
        public static final int DEPRECATED_BUILTIN_CODE = 0, CUSTOM_CODE = 1, VERSION = 2, BUILTIN_CODE = 3;
    }

    public static final class SubGraph {
        public static final int TENSORS = 0, INPUTS = 1, OUTPUTS = 2, OPERATORS = 3, NAME = 4;
    }

    public static final class Tensor {
        public static final int SHAPE = 0, TYPE = 1, BUFFER = 2, NAME = 3, QUANTIZATION = 4, IS_VARIABLE = 5,
                SPARSITY = 6, SHAPE_SIGNATURE = 7;
    }

    public static final class Quantization {
        public static final int MIN = 0, MAX = 1, SCALE = 2, ZERO_POINT = 3, DETAILS_TYPE = 4, DETAILS = 5,
                QUANTIZED_DIMENSION = 6;
    }

    public static final class Buffer {
        public static final int DATA = 0, OFFSET = 1, SIZE = 2;
    }

    public static final class Operator {
        public static final int OPCODE_INDEX = 0, INPUTS = 1, OUTPUTS = 2, BUILTIN_OPTIONS_TYPE = 3,
                BUILTIN_OPTIONS = 4, CUSTOM_OPTIONS = 5, CUSTOM_OPTIONS_FORMAT = 6, MUTATING_VARIABLE_INPUTS = 7,
                INTERMEDIATES = 8;
    }

    /** Option tables: field ids. */
    public static final class Conv2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, FUSED_ACTIVATION = 3, DILATION_W = 4,
                DILATION_H = 5;
    }

    public static final class DepthwiseConv2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, DEPTH_MULTIPLIER = 3, FUSED_ACTIVATION = 4,
                DILATION_W = 5, DILATION_H = 6;
    }

    public static final class Pool2DOptions {
        public static final int PADDING = 0, STRIDE_W = 1, STRIDE_H = 2, FILTER_WIDTH = 3, FILTER_HEIGHT = 4,
                FUSED_ACTIVATION = 5;
    }

    public static final class FullyConnectedOptions {
        public static final int FUSED_ACTIVATION = 0, WEIGHTS_FORMAT = 1, KEEP_NUM_DIMS = 2,
                ASYMMETRIC_QUANTIZE_INPUTS = 3;
    }

    public static final class SoftmaxOptions { public static final int BETA = 0; }

    public static final class ConcatenationOptions { public static final int AXIS = 0, FUSED_ACTIVATION = 1; }

    /** AddOptions, SubOptions (pot_scale_int16 = 1), MulOptions, DivOptions. */
    public static final class ArithmeticOptions { public static final int FUSED_ACTIVATION = 0, POT_SCALE_INT16 = 1; }

    public static final class ReshapeOptions { public static final int NEW_SHAPE = 0; }

    public static final class ReducerOptions { public static final int KEEP_DIMS = 0; }

    public static final class StridedSliceOptions {
        public static final int BEGIN_MASK = 0, END_MASK = 1, ELLIPSIS_MASK = 2, NEW_AXIS_MASK = 3,
                SHRINK_AXIS_MASK = 4, OFFSET = 5;
    }

    public static final class SplitOptions { public static final int NUM_SPLITS = 0; }

    public static final class SplitVOptions { public static final int NUM_SPLITS = 0; }

    public static final class PackOptions { public static final int VALUES_COUNT = 0, AXIS = 1; }

    public static final class UnpackOptions { public static final int NUM = 0, AXIS = 1; }

    public static final class SqueezeOptions { public static final int SQUEEZE_DIMS = 0; }

    public static final class LeakyReluOptions { public static final int ALPHA = 0; }

    public static final class ResizeNearestNeighborOptions { public static final int ALIGN_CORNERS = 0, HALF_PIXEL_CENTERS = 1; }

    public static final class ResizeBilinearOptions { public static final int ALIGN_CORNERS = 2, HALF_PIXEL_CENTERS = 3; }

    public static final class SvdfOptions { public static final int RANK = 0, FUSED_ACTIVATION = 1; }

    /** TensorType enum. */
    public static final int TYPE_FLOAT32 = 0, TYPE_FLOAT16 = 1, TYPE_INT32 = 2, TYPE_UINT8 = 3, TYPE_INT64 = 4,
            TYPE_STRING = 5, TYPE_BOOL = 6, TYPE_INT16 = 7, TYPE_INT8 = 9;

    /** Padding enum. */
    public static final int PADDING_SAME = 0, PADDING_VALID = 1;

    /** BuiltinOperator codes tinyforge knows by name. */
    public static final int OP_ADD = 0, OP_AVERAGE_POOL_2D = 1, OP_CONCATENATION = 2, OP_CONV_2D = 3,
            OP_DEPTHWISE_CONV_2D = 4, OP_DEQUANTIZE = 6, OP_FULLY_CONNECTED = 9, OP_LOGISTIC = 14, OP_MAX_POOL_2D = 17,
            OP_MUL = 18, OP_RELU = 19, OP_RELU_N1_TO_1 = 20, OP_RELU6 = 21, OP_RESHAPE = 22, OP_RESIZE_BILINEAR = 23,
            OP_SOFTMAX = 25, OP_SVDF = 27, OP_TANH = 28, OP_CUSTOM = 32, OP_PAD = 34, OP_TRANSPOSE = 39, OP_MEAN = 40,
            OP_SUB = 41, OP_DIV = 42, OP_SQUEEZE = 43, OP_STRIDED_SLICE = 45, OP_SPLIT = 49, OP_LOG_SOFTMAX = 50,
            OP_PRELU = 54, OP_MAXIMUM = 55, OP_MINIMUM = 57, OP_PADV2 = 60, OP_SLICE = 65, OP_EXPAND_DIMS = 70,
            OP_PACK = 83, OP_UNPACK = 88, OP_RESIZE_NEAREST_NEIGHBOR = 97, OP_LEAKY_RELU = 98, OP_SPLIT_V = 102,
            OP_QUANTIZE = 114, OP_HARD_SWISH = 117;

    /** BuiltinOptions union type ids. */
    public static final int OPT_NONE = 0, OPT_CONV_2D = 1, OPT_DEPTHWISE_CONV_2D = 2, OPT_POOL_2D = 5, OPT_SVDF = 6,
            OPT_FULLY_CONNECTED = 8, OPT_SOFTMAX = 9, OPT_CONCATENATION = 10, OPT_ADD = 11, OPT_RESIZE_BILINEAR = 15,
            OPT_RESHAPE = 17, OPT_MUL = 21, OPT_PAD = 22, OPT_TRANSPOSE = 26, OPT_REDUCER = 27, OPT_SUB = 28,
            OPT_DIV = 29, OPT_SQUEEZE = 30, OPT_STRIDED_SLICE = 32, OPT_SPLIT = 35, OPT_LOG_SOFTMAX = 36,
            OPT_DEQUANTIZE = 38, OPT_MAXIMUM_MINIMUM = 39, OPT_PADV2 = 43, OPT_SLICE = 48, OPT_EXPAND_DIMS = 52,
            OPT_PACK = 59, OPT_UNPACK = 64, OPT_RESIZE_NEAREST_NEIGHBOR = 74, OPT_LEAKY_RELU = 75, OPT_SPLIT_V = 79,
            OPT_QUANTIZE = 89, OPT_HARD_SWISH = 91;

    /** ActivationFunctionType enum, in order. */
    public static dev.tinyforge.ir.Activation activation(int code) {
        dev.tinyforge.ir.Activation[] all = dev.tinyforge.ir.Activation.values();
        if (code < 0 || code >= all.length) throw new IllegalArgumentException("unknown fused activation " + code);
        return all[code];
    }
}
