package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** POOL_ND on float32 (ONNX pooling of any spatial rank or with dilations, in ONNX layout). */
public final class PoolNdEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (!Structs.isFloat(in)) throw Structs.unsupportedType(n, in);
        Attrs.PoolNd a = n.attrs(Attrs.PoolNd.class);
        code.call("tf_pool_nd_f32", a.max() ? "1" : "0", a.countIncludePad() ? "1" : "0", Integer.toString(a.kernel().length),
                ctx.declareInts("in_shape", in.type().shape()), ctx.declareInts("out_shape", out.type().shape()),
                ctx.declareInts("kernel", a.kernel()), ctx.declareInts("strides", a.strides()), ctx.declareInts("pads", a.pads()),
                ctx.declareInts("dilations", a.dilations()), ctx.ptr(in), ctx.ptr(out));
    }
}
