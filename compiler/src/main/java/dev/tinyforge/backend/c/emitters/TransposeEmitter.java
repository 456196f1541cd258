package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;

/** TRANSPOSE for any element type. */
public final class TransposeEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        int[] shape = n.input(0).type().shape();
        // Helium: tf_transpose_nd_mve (same signature and bytes; vectorized where the last axis moves forward)
        code.call(ctx.isa() == dev.tinyforge.Isa.MVE ? "tf_transpose_nd_mve" : "tf_transpose_nd", Integer.toString(shape.length), ctx.declareInts("in_shape", shape),
                ctx.declareInts("perm", n.attrs(Attrs.Transpose.class).perm()),
                Integer.toString(n.input(0).type().elementType().byteSize()), ctx.bytes(n.input(0)), ctx.bytes(n.output()));
    }
}
