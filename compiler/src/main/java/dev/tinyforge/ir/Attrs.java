package dev.tinyforge.ir;

/**
 * Typed attributes of a node, one record per family of ops. Everything a kernel needs that is not a
 * tensor is here: frontends fold constant parameter tensors (axes, paddings, permutations, shapes)
 * into these records, and normalize padding to explicit counts. Components are restricted to int,
 * float, double, boolean, enums and int[] so that the textual IR can print and parse every record
 * generically.
 *
 * <p>Conventions: {@code pads} of 2-D ops are {top, left, bottom, right}; {@code strides},
 * {@code dilations} and {@code filter} are {h, w}.
 */
public sealed interface Attrs {

    /** For ops without attributes. */
    record None() implements Attrs {
        public static final None INSTANCE = new None();
    }

    /** CONV_2D. Inputs: input NHWC, filter OHWI, optional bias [O] (int32 for int8 models). */
    record Conv2D(int[] pads, int[] strides, int[] dilations, Activation activation) implements Attrs {}

    /** DEPTHWISE_CONV_2D. Inputs: input NHWC, filter 1 x H x W x (C*multiplier), optional bias. */
    record DepthwiseConv2D(int[] pads, int[] strides, int[] dilations, int depthMultiplier,
                           Activation activation) implements Attrs {}

    /** FULLY_CONNECTED. Inputs: input [..., I], weights [O, I], optional bias [O]. */
    record FullyConnected(Activation activation, boolean keepNumDims) implements Attrs {}

    /** AVERAGE_POOL_2D and MAX_POOL_2D on NHWC. Padded positions are excluded from averages. */
    record Pool2D(int[] filter, int[] strides, int[] pads, Activation activation) implements Attrs {}

    /** ADD, SUB, MUL, DIV with numpy broadcasting. */
    record Binary(Activation activation) implements Attrs {}

    /** CONCATENATION along one axis (non-negative). */
    record Concat(int axis, Activation activation) implements Attrs {}

    /** MEAN (and other reductions) over the given non-negative axes. */
    record Reduce(int[] axes, boolean keepDims) implements Attrs {}

    /**
     * PAD: {@code pads} holds {before, after} for each dimension in order; {@code value} is the padding
     * element in the tensor's storage domain (the zero point for quantized PAD).
     */
    record Pad(int[] pads, double value) implements Attrs {}

    /** TRANSPOSE by a permutation of the input dimensions. */
    record Transpose(int[] perm) implements Attrs {}

    /**
     * STRIDED_SLICE and SLICE, normalized: along each input dimension d the elements
     * begin[d] + k*strides[d] for k in [0, sizes[d]) are taken; the output may then drop dimensions of
     * size 1 (shrink), as its type says.
     */
    record StridedSlice(int[] begin, int[] strides, int[] sizes) implements Attrs {}

    /** SPLIT and SPLIT_V along an axis into pieces of the given sizes (one output each). */
    record Split(int axis, int[] sizes) implements Attrs {}

    /** PACK and UNPACK. */
    record Axis(int axis) implements Attrs {}

    /** SOFTMAX. */
    record Softmax(float beta) implements Attrs {}

    /** LEAKY_RELU. */
    record LeakyRelu(float alpha) implements Attrs {}

    /** RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR; the output size is the output type's H and W. */
    record Resize(boolean alignCorners, boolean halfPixelCenters) implements Attrs {}

    /** SVDF. Inputs: input, weights_feature, weights_time, bias (optional), state (variable). */
    record Svdf(int rank, Activation activation) implements Attrs {}

    /** ELU (alpha * (exp(x) - 1) below 0) and THRESHOLDED_RELU (x where x > alpha, else 0). */
    record Elu(float alpha) implements Attrs {}

    /** ARG_MAX along a (non-negative) axis; on ties the first index, or the last with selectLastIndex. */
    record ArgMax(int axis, boolean keepDims, boolean selectLastIndex) implements Attrs {}

    /** TRANSPOSE_CONV: pads {top, left} removed from the full output; strides and dilations {h, w}. */
    record TransposeConv(int[] pads, int[] strides, int[] dilations, int groups) implements Attrs {}

    /** PAD_BORDER: pads {before, after} per dimension. */
    record PadBorder(int[] pads, PadMode mode) implements Attrs {}

    enum PadMode { REFLECT, EDGE, WRAP }

    /**
     * RESIZE_ND: for output index i on an axis, the input coordinate follows {@code coordinates} from
     * {@code scales[axis]} (ONNX's coordinate_transformation_mode); {@code roi} holds starts then ends for
     * TF_CROP_AND_RESIZE. Nearest rounds by {@code nearest}; cubic uses {@code cubicA}.
     */
    record ResizeNd(ResizeMode mode, ResizeCoordinates coordinates, NearestRounding nearest, float cubicA,
                    boolean excludeOutside, boolean antialias, float extrapolationValue, float[] scales, float[] roi)
            implements Attrs {}

    enum ResizeMode { NEAREST, LINEAR, CUBIC }

    enum ResizeCoordinates { HALF_PIXEL, HALF_PIXEL_SYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_CROP_AND_RESIZE }

    enum NearestRounding { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL }

    /**
     * POOL_ND on (N, C, d1..dk): pads holds k begins then k ends. Average counts only input positions,
     * or with countIncludePad also the declared padding (never positions beyond it).
     */
    record PoolNd(boolean max, int[] kernel, int[] strides, int[] pads, int[] dilations, boolean countIncludePad)
            implements Attrs {}

    /** POW_SCALAR. */
    record Power(float exponent) implements Attrs {}
}
