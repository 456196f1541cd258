package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;

/** CAST between any two element types (tf_cast_any). */
public final class CastEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        code.call("tf_cast_any", Structs.size(n.output()), ElemTypes.of(n.input(0)), ElemTypes.of(n.output()),
                ctx.bytes(n.input(0)), ctx.bytes(n.output()));
    }
}
