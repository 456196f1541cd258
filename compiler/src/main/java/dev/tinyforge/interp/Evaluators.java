package dev.tinyforge.interp;

import java.util.EnumMap;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.interp.ops.*;
import dev.tinyforge.ir.OpKind;

/** The one table from op kind to evaluator. */
public final class Evaluators {
    private static final Map<OpKind, OpEvaluator> TABLE = new EnumMap<>(OpKind.class);

    static {
        TABLE.put(OpKind.CONV_2D, new Conv2DEval());
        TABLE.put(OpKind.DEPTHWISE_CONV_2D, new DepthwiseConv2DEval());
        TABLE.put(OpKind.FULLY_CONNECTED, new FullyConnectedEval());
        TABLE.put(OpKind.AVERAGE_POOL_2D, new AveragePool2DEval());
        TABLE.put(OpKind.MAX_POOL_2D, new MaxPool2DEval());
        TABLE.put(OpKind.ADD, new AddSubEval());
        TABLE.put(OpKind.SUB, new AddSubEval());
        TABLE.put(OpKind.MUL, new MulEval());
        TABLE.put(OpKind.DIV, new DivEval());
        TABLE.put(OpKind.MAXIMUM, new MaximumMinimumEval());
        TABLE.put(OpKind.MINIMUM, new MaximumMinimumEval());
        TABLE.put(OpKind.CONCATENATION, new ConcatenationEval());
        TABLE.put(OpKind.MEAN, new MeanEval());
        TABLE.put(OpKind.PAD, new PadEval());
        TABLE.put(OpKind.RESHAPE, new ReshapeEval());
        TABLE.put(OpKind.TRANSPOSE, new TransposeEval());
        TABLE.put(OpKind.STRIDED_SLICE, new StridedSliceEval());
        TABLE.put(OpKind.SPLIT, new SplitEval());
        TABLE.put(OpKind.PACK, new PackEval());
        TABLE.put(OpKind.UNPACK, new UnpackEval());
        TABLE.put(OpKind.SOFTMAX, new SoftmaxEval());
        TABLE.put(OpKind.LOG_SOFTMAX, new LogSoftmaxEval());
        TABLE.put(OpKind.LOGISTIC, new LogisticEval());
        TABLE.put(OpKind.TANH, new TanhEval());
        TABLE.put(OpKind.RELU, new ReluEval());
        TABLE.put(OpKind.RELU6, new ReluEval());
        TABLE.put(OpKind.RELU_N1_TO_1, new ReluEval());
        TABLE.put(OpKind.HARD_SWISH, new HardSwishEval());
        TABLE.put(OpKind.LEAKY_RELU, new LeakyReluEval());
        TABLE.put(OpKind.PRELU, new PreluEval());
        TABLE.put(OpKind.RESIZE_NEAREST_NEIGHBOR, new ResizeNearestNeighborEval());
        TABLE.put(OpKind.RESIZE_BILINEAR, new ResizeBilinearEval());
        TABLE.put(OpKind.QUANTIZE, new QuantizeEval());
        TABLE.put(OpKind.DEQUANTIZE, new DequantizeEval());
        TABLE.put(OpKind.SVDF, new SvdfEval());
        UnaryMathEval unary = new UnaryMathEval();
        for (OpKind k : new OpKind[] {OpKind.ABS, OpKind.NEG, OpKind.EXP, OpKind.SQRT, OpKind.ROUND, OpKind.POW_SCALAR, OpKind.ELU, OpKind.THRESHOLDED_RELU})
            TABLE.put(k, unary);
        TABLE.put(OpKind.ARG_MAX, new ArgMaxEval());
        TABLE.put(OpKind.REDUCE_MAX, new ReduceMaxEval());
        TABLE.put(OpKind.GATHER, new GatherEval());
        TABLE.put(OpKind.BROADCAST_TO, new BroadcastToEval());
        TABLE.put(OpKind.BATCH_MATMUL, new BatchMatMulEval());
        TABLE.put(OpKind.TRANSPOSE_CONV, new TransposeConvEval());
        TABLE.put(OpKind.PAD_BORDER, new PadBorderEval());
        TABLE.put(OpKind.RESIZE_ND, new ResizeNdEval());
        TABLE.put(OpKind.CAST, new CastEval());
        TABLE.put(OpKind.POOL_ND, new PoolNdEval());
    }

    private Evaluators() {}

    public static OpEvaluator forKind(OpKind kind) {
        OpEvaluator e = TABLE.get(kind);
        if (e == null) throw new CompileException("the interpreter has no evaluator for " + kind);
        return e;
    }

    /** True when every op kind has an evaluator (checked by a test). */
    public static boolean coversAllKinds() {
        return TABLE.keySet().containsAll(java.util.EnumSet.allOf(OpKind.class));
    }
}
