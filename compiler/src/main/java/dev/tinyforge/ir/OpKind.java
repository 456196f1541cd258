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
    SVDF(Attrs.Svdf.class);

    private final Class<? extends Attrs> attrsClass;

    OpKind(Class<? extends Attrs> attrsClass) {
        this.attrsClass = attrsClass;
    }

    public Class<? extends Attrs> attrsClass() { return attrsClass; }

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
