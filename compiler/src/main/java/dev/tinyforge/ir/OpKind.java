package dev.tinyforge.ir;

/** The operations of the IR, each with the attribute record it carries. Semantics follow TFLite's builtins. */
public enum OpKind {
    CONV_2D(Attrs.Conv2D.class),
    DEPTHWISE_CONV_2D(Attrs.DepthwiseConv2D.class),
    FULLY_CONNECTED(Attrs.FullyConnected.class),
    AVERAGE_POOL_2D(Attrs.Pool2D.class),
    MAX_POOL_2D(Attrs.Pool2D.class),
    ADD(Attrs.Binary.class),
    SUB(Attrs.Binary.class),
    MUL(Attrs.Binary.class),
    DIV(Attrs.Binary.class),
    MAXIMUM(Attrs.None.class),
    MINIMUM(Attrs.None.class),
    CONCATENATION(Attrs.Concat.class),
    MEAN(Attrs.Reduce.class),
    PAD(Attrs.Pad.class),
    /** Also SQUEEZE and EXPAND_DIMS: the output type holds the new shape. */
    RESHAPE(Attrs.None.class),
    TRANSPOSE(Attrs.Transpose.class),
    STRIDED_SLICE(Attrs.StridedSlice.class),
    SPLIT(Attrs.Split.class),
    PACK(Attrs.Axis.class),
    UNPACK(Attrs.Axis.class),
    SOFTMAX(Attrs.Softmax.class),
    LOG_SOFTMAX(Attrs.None.class),
    LOGISTIC(Attrs.None.class),
    TANH(Attrs.None.class),
    RELU(Attrs.None.class),
    RELU6(Attrs.None.class),
    RELU_N1_TO_1(Attrs.None.class),
    HARD_SWISH(Attrs.None.class),
    LEAKY_RELU(Attrs.LeakyRelu.class),
    PRELU(Attrs.None.class),
    RESIZE_NEAREST_NEIGHBOR(Attrs.Resize.class),
    RESIZE_BILINEAR(Attrs.Resize.class),
    /** float to int8/int16, or requantization between quantized types. */
    QUANTIZE(Attrs.None.class),
    DEQUANTIZE(Attrs.None.class),
    SVDF(Attrs.Svdf.class),

    // Ops beyond TFLite's builtins, added for the ONNX frontend (N-D, any element type unless stated).
    ABS(Attrs.None.class),
    NEG(Attrs.None.class),
    EXP(Attrs.None.class),
    SQRT(Attrs.None.class),
    /** x raised to a constant exponent (x > 0 where the exponent is not an integer). */
    POW_SCALAR(Attrs.Power.class),
    /** Round half to even (ONNX Round). */
    ROUND(Attrs.None.class),
    ELU(Attrs.Elu.class),
    THRESHOLDED_RELU(Attrs.Elu.class),
    /** Index of the largest element along an axis, as int64. */
    ARG_MAX(Attrs.ArgMax.class),
    REDUCE_MAX(Attrs.Reduce.class),
    /** Inputs: data, indices (int32/int64, negative counts from the end); numpy take along an axis. */
    GATHER(Attrs.Axis.class),
    /** Numpy broadcast of the input to the output type's shape. */
    BROADCAST_TO(Attrs.None.class),
    /** Numpy matmul of two tensors of rank >= 2 with broadcast batch dimensions. */
    BATCH_MATMUL(Attrs.None.class),
    /** Inputs: input NHWC, filter IHWO (O per group), optional bias [O*groups]; the output size is the output type's. */
    TRANSPOSE_CONV(Attrs.TransposeConv.class),
    /** Padding by reflection, edge replication or wrap-around. */
    PAD_BORDER(Attrs.PadBorder.class),
    /** ONNX Resize on any axes (nearest, linear, cubic), with the coordinate transformation spelled out. */
    RESIZE_ND(Attrs.ResizeNd.class),
    /** ONNX-layout (N, C, spatial...) pooling of any rank with dilations; for what the NHWC 2-D pools cannot express. */
    POOL_ND(Attrs.PoolNd.class),
    /** Element type conversion (float to int truncates toward zero, int to narrower int wraps). */
    CAST(Attrs.None.class);

    private final Class<? extends Attrs> attrsClass;

    OpKind(Class<? extends Attrs> attrsClass) {
        this.attrsClass = attrsClass;
    }

    public Class<? extends Attrs> attrsClass() { return attrsClass; }

    /** True for the kinds added for the ONNX frontend (ABS and after): they have no TFLite builtin. */
    public boolean isBeyondTflite() { return compareTo(ABS) >= 0; }

    /** Lower-case name used by the textual IR ("conv_2d"). */
    public String irName() { return name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * Whether operand {@code index} is persistent state the op reads and updates in place (a variable,
     * see {@link Value#isVariable}): SVDF's activation state, input 4.
     */
    public boolean isStateOperand(int index) {
        return this == SVDF && index == 4;
    }

    public static OpKind fromIrName(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
