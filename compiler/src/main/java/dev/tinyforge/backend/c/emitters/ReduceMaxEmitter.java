package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** REDUCE_MAX over a set of axes on float32 (ONNX ReduceMax, GlobalMaxPool), arguments as MEAN's. */
public final class ReduceMaxEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (!Structs.isFloat(in)) throw Structs.unsupportedType(n, in);
        int[] shape = in.type().shape();
        int mask = 0;
        for (int axis : n.attrs(Attrs.Reduce.class).axes()) mask |= 1 << axis;
        code.call("tf_reduce_max_f32", Integer.toString(shape.length), ctx.declareInts("in_shape", shape),
                "0x" + Integer.toHexString(mask) + "u", ctx.ptr(in), ctx.ptr(out));
    }
}
