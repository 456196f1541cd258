package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;

/** PAD_BORDER (ONNX Pad reflect / edge / wrap) for any element type and rank. */
public final class PadBorderEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Attrs.PadBorder a = n.attrs(Attrs.PadBorder.class);
        int[] in = n.input(0).type().shape();
        int[] before = new int[in.length];
        for (int d = 0; d < in.length; d++) before[d] = a.pads()[2 * d];
        code.call("tf_pad_border_nd", Integer.toString(in.length), ctx.declareInts("in_shape", in),
                ctx.declareInts("out_shape", n.output().type().shape()), ctx.declareInts("pad_before", before),
                "TF_PAD_" + a.mode().name(), Integer.toString(n.input(0).type().elementType().byteSize()),
                ctx.bytes(n.input(0)), ctx.bytes(n.output()));
    }
}
