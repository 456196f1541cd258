package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;

/** PAD / PADV2 for any element type: the pad element is the zero point (quantized) or the constant value. */
public final class PadEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Attrs.Pad a = n.attrs(Attrs.Pad.class);
        int[] shape = n.input(0).type().shape();
        int rank = shape.length;
        int[] pre = new int[rank], post = new int[rank];
        for (int d = 0; d < rank; d++) {
            pre[d] = a.pads()[2 * d];
            post[d] = a.pads()[2 * d + 1];
        }
        ElementType t = n.output().type().elementType();
        String value = ctx.declare(CLiterals.ctype(t), "pad_value",
                t == ElementType.FLOAT32 ? CLiterals.floatLiteral((float) a.value()) : CLiterals.intLiteral((long) a.value()));
        code.call("tf_pad_nd", Integer.toString(rank), ctx.declareInts("in_shape", shape), ctx.declareInts("pre", pre),
                ctx.declareInts("post", post), Integer.toString(t.byteSize()), "&" + value, ctx.bytes(n.input(0)),
                ctx.bytes(n.output()));
    }
}
