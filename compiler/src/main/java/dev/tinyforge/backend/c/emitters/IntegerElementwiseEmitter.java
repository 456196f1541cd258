package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;

/**
 * ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM on unquantized integer tensors (ONNX integer arithmetic): one
 * any-rank broadcasting kernel per op, generic over the element type.
 */
public final class IntegerElementwiseEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        String op = n.kind().name().toLowerCase(java.util.Locale.ROOT);
        code.call("tf_" + op + "_int_nd", BroadcastNd.declare(ctx, n), ElemTypes.of(n.input(0)),
                ctx.bytes(n.input(0)), ctx.bytes(n.input(1)), ctx.bytes(n.output()));
    }

    /** True when n is integer arithmetic this emitter renders rather than the quantized or float one. */
    public static boolean applies(Node n) {
        return ElemTypes.isPlainInteger(n.input(0)) && ElemTypes.isPlainInteger(n.output());
    }
}
