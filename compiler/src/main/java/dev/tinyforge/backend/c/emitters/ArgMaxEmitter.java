package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** ARG_MAX of a float32 tensor to int64 (ONNX ArgMax): the input as outer x axis x inner. */
public final class ArgMaxEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (!Structs.isFloat(in)) throw Structs.unsupportedType(n, in);
        if (out.type().elementType() != ElementType.INT64) throw Structs.unsupportedType(n, out);
        Attrs.ArgMax a = n.attrs(Attrs.ArgMax.class);
        int[] s = in.type().shape();
        int outer = 1, inner = 1;
        for (int i = 0; i < a.axis(); i++) outer *= s[i];
        for (int i = a.axis() + 1; i < s.length; i++) inner *= s[i];
        code.call("tf_arg_max_f32", Integer.toString(outer), Integer.toString(s[a.axis()]), Integer.toString(inner),
                a.selectLastIndex() ? "1" : "0", ctx.ptr(in), ctx.ptr(out));
    }
}
