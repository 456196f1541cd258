package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/** RESIZE_NEAREST_NEIGHBOR (any element type) and RESIZE_BILINEAR (int8) on NHWC. */
public final class ResizeEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        boolean nearest = n.kind() == OpKind.RESIZE_NEAREST_NEIGHBOR;
        if (!Structs.isInt8(in) && !nearest) throw Structs.unsupportedType(n, in);
        Attrs.Resize a = n.attrs(Attrs.Resize.class);
        String params = "&" + ctx.declare("tf_resize_params", "params",
                "{" + (a.alignCorners() ? 1 : 0) + ", " + (a.halfPixelCenters() ? 1 : 0) + "}");
        if (nearest && !Structs.isInt8(in)) // a copy of whole pixels: any element type
            code.call("tf_resize_nearest_nhwc", params, ctx.dims("in_dims", in.type()),
                    Integer.toString(in.type().elementType().byteSize()), ctx.bytes(in), ctx.dims("out_dims", out.type()), ctx.bytes(out));
        else
            code.call(nearest ? "tf_resize_nearest_s8" : "tf_resize_bilinear_s8", params,
                    ctx.dims("in_dims", in.type()), ctx.ptr(in), ctx.dims("out_dims", out.type()), ctx.ptr(out));
    }
}
