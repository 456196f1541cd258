package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** GATHER along one axis for any element type, int32 or int64 indices of any shape. */
public final class GatherEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value data = n.input(0), indices = n.input(1);
        int[] s = data.type().shape();
        int axis = n.attrs(Attrs.Axis.class).axis();
        long outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        code.call("tf_gather_any", Long.toString(outer), Integer.toString(s[axis]), Long.toString(inner),
                Long.toString(indices.type().elementCount()), Integer.toString(data.type().elementType().byteSize()),
                ElemTypes.of(indices), ctx.bytes(data), ctx.bytes(indices), ctx.bytes(n.output()));
    }
}
