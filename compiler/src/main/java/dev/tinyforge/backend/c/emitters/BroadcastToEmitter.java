package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;

/** BROADCAST_TO (ONNX Expand) for any element type and rank. */
public final class BroadcastToEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        int[] in = n.input(0).type().shape();
        code.call("tf_broadcast_to_nd", BroadcastNd.declare(ctx, n, n.output().type().shape(), in, in),
                Integer.toString(n.input(0).type().elementType().byteSize()), ctx.bytes(n.input(0)), ctx.bytes(n.output()));
    }
}
