package dev.tinyforge.backend.c;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

import dev.tinyforge.CompileException;
import dev.tinyforge.backend.c.emitters.ActivationEmitter;
import dev.tinyforge.backend.c.emitters.BatchMatMulEmitter;
import dev.tinyforge.backend.c.emitters.BroadcastToEmitter;
import dev.tinyforge.backend.c.emitters.CastEmitter;
import dev.tinyforge.backend.c.emitters.GatherEmitter;
import dev.tinyforge.backend.c.emitters.PadBorderEmitter;
import dev.tinyforge.backend.c.emitters.ConcatEmitter;
import dev.tinyforge.backend.c.emitters.ConvEmitter;
import dev.tinyforge.backend.c.emitters.ElementwiseDispatchEmitter;
import dev.tinyforge.backend.c.emitters.FullyConnectedEmitter;
import dev.tinyforge.backend.c.emitters.MeanEmitter;
import dev.tinyforge.backend.c.emitters.PoolEmitter;
import dev.tinyforge.backend.c.emitters.QuantizeEmitter;
import dev.tinyforge.backend.c.emitters.ResizeEmitter;
import dev.tinyforge.backend.c.emitters.SoftmaxEmitter;
import dev.tinyforge.backend.c.emitters.PadEmitter;
import dev.tinyforge.backend.c.emitters.ReshapeEmitter;
import dev.tinyforge.backend.c.emitters.SliceEmitter;
import dev.tinyforge.backend.c.emitters.SvdfEmitter;
import dev.tinyforge.backend.c.emitters.TransposeEmitter;
import dev.tinyforge.backend.c.emitters.UnaryMathEmitter;
import dev.tinyforge.backend.c.emitters.ReduceMaxEmitter;
import dev.tinyforge.backend.c.emitters.ArgMaxEmitter;
import dev.tinyforge.backend.c.emitters.PoolNdEmitter;
import dev.tinyforge.backend.c.emitters.TransposeConvEmitter;
import dev.tinyforge.backend.c.emitters.ResizeNdEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;

/** Which emitter renders which op: the one table to extend when the backend learns an op. */
public final class LayerEmitters {
    private static final Map<OpKind, LayerEmitter> EMITTERS = new EnumMap<>(OpKind.class);

    static {
        EMITTERS.put(OpKind.RESHAPE, new ReshapeEmitter());
        EMITTERS.put(OpKind.PAD, new PadEmitter());
        EMITTERS.put(OpKind.TRANSPOSE, new TransposeEmitter());
        ConcatEmitter concat = new ConcatEmitter();
        EMITTERS.put(OpKind.CONCATENATION, concat);
        EMITTERS.put(OpKind.PACK, concat);
        SliceEmitter slice = new SliceEmitter();
        EMITTERS.put(OpKind.STRIDED_SLICE, slice);
        EMITTERS.put(OpKind.SPLIT, slice);
        EMITTERS.put(OpKind.UNPACK, slice);
        ConvEmitter conv = new ConvEmitter();
        EMITTERS.put(OpKind.CONV_2D, conv);
        EMITTERS.put(OpKind.DEPTHWISE_CONV_2D, conv);
        EMITTERS.put(OpKind.FULLY_CONNECTED, new FullyConnectedEmitter());
        PoolEmitter pool = new PoolEmitter();
        EMITTERS.put(OpKind.AVERAGE_POOL_2D, pool);
        EMITTERS.put(OpKind.MAX_POOL_2D, pool);
        LayerEmitter elementwise = new ElementwiseDispatchEmitter();
        for (OpKind k : new OpKind[] {OpKind.ADD, OpKind.SUB, OpKind.MUL, OpKind.DIV, OpKind.MAXIMUM, OpKind.MINIMUM})
            EMITTERS.put(k, elementwise);
        SoftmaxEmitter softmax = new SoftmaxEmitter();
        EMITTERS.put(OpKind.SOFTMAX, softmax);
        EMITTERS.put(OpKind.LOG_SOFTMAX, softmax);
        EMITTERS.put(OpKind.MEAN, new MeanEmitter());
        QuantizeEmitter quantize = new QuantizeEmitter();
        EMITTERS.put(OpKind.QUANTIZE, quantize);
        EMITTERS.put(OpKind.DEQUANTIZE, quantize);
        ActivationEmitter activation = new ActivationEmitter();
        for (OpKind k : new OpKind[] {OpKind.RELU, OpKind.RELU6, OpKind.RELU_N1_TO_1, OpKind.LOGISTIC, OpKind.TANH,
                OpKind.HARD_SWISH, OpKind.LEAKY_RELU, OpKind.PRELU})
            EMITTERS.put(k, activation);
        EMITTERS.put(OpKind.SVDF, new SvdfEmitter());
        EMITTERS.put(OpKind.CAST, new CastEmitter());
        EMITTERS.put(OpKind.GATHER, new GatherEmitter());
        EMITTERS.put(OpKind.BROADCAST_TO, new BroadcastToEmitter());
        EMITTERS.put(OpKind.PAD_BORDER, new PadBorderEmitter());
        EMITTERS.put(OpKind.BATCH_MATMUL, new BatchMatMulEmitter());
        UnaryMathEmitter math = new UnaryMathEmitter();
        for (OpKind k : new OpKind[] {OpKind.ABS, OpKind.NEG, OpKind.EXP, OpKind.SQRT, OpKind.ROUND, OpKind.ELU,
                OpKind.THRESHOLDED_RELU})
            EMITTERS.put(k, math);
        EMITTERS.put(OpKind.REDUCE_MAX, new ReduceMaxEmitter());
        EMITTERS.put(OpKind.ARG_MAX, new ArgMaxEmitter());
        EMITTERS.put(OpKind.POOL_ND, new PoolNdEmitter());
        EMITTERS.put(OpKind.TRANSPOSE_CONV, new TransposeConvEmitter());
        EMITTERS.put(OpKind.RESIZE_ND, new ResizeNdEmitter());
        ResizeEmitter resize = new ResizeEmitter();
        EMITTERS.put(OpKind.RESIZE_NEAREST_NEIGHBOR, resize);
        EMITTERS.put(OpKind.RESIZE_BILINEAR, resize);
    }

    private LayerEmitters() {}

    public static LayerEmitter forNode(Node n) {
        LayerEmitter e = EMITTERS.get(n.kind());
        if (e == null)
            throw new CompileException("node '" + n.name() + "': the C backend has no kernel for " + n.kind()
                    + " yet; it supports " + new TreeSet<>(EMITTERS.keySet()));
        return e;
    }
}
