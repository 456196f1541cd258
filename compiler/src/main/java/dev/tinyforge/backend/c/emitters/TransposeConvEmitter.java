package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** TRANSPOSE_CONV on float32 (ONNX ConvTranspose): the geometry as one int array, bias optional. */
public final class TransposeConvEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), filter = n.input(1), bias = n.input(2), out = n.output();
        if (!Structs.isFloat(in)) throw Structs.unsupportedType(n, in);
        Attrs.TransposeConv a = n.attrs(Attrs.TransposeConv.class);
        int[] is = in.type().shape(), fs = filter.type().shape(), os = out.type().shape();
        int[] geometry = {is[0], is[1], is[2], is[3], fs[1], fs[2], fs[3], os[1], os[2], os[3], a.groups(),
                a.strides()[0], a.strides()[1], a.dilations()[0], a.dilations()[1], a.pads()[0], a.pads()[1]};
        code.call("tf_transpose_conv_f32", ctx.declareInts("geometry", geometry), ctx.ptr(in), ctx.ptr(filter),
                ctx.ptr(bias), ctx.ptr(out));
    }
}
