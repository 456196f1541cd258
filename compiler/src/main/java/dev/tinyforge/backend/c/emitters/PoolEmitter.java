package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.PoolParams;

/** AVERAGE_POOL_2D and MAX_POOL_2D, int8 and float32; MAX_POOL_2D also plain uint8. */
public final class PoolEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        boolean avg = n.kind() == OpKind.AVERAGE_POOL_2D;
        String inDims = ctx.dims("in_dims", in.type()), outDims = ctx.dims("out_dims", out.type());
        if (Structs.isInt8(in)) {
            PoolParams p = PoolParams.prepare(n);
            String params = "&" + ctx.declare("tf_pool_params", "params", "{" + Structs.hw(p.strideH(), p.strideW()) + ", "
                    + Structs.hw(p.filterH(), p.filterW()) + ", " + Structs.hw(p.padTop(), p.padLeft()) + ", "
                    + Structs.act(p.activationMin(), p.activationMax()) + "}");
            // int8 average pooling on DSP cores: four channels per SXTAB16 step (tf_avgpool_s8_dsp, same results)
            String fn = avg ? (ctx.isa().hasDsp() ? "tf_avgpool_s8_dsp" : "tf_avgpool_s8_nhwc") : "tf_maxpool_s8_nhwc";
            code.call(fn, params, inDims, ctx.ptr(in), outDims, ctx.ptr(out));
        } else if (!avg && in.type().elementType() == dev.tinyforge.ir.ElementType.UINT8 && !in.type().isQuantized()) {
            // plain uint8 (ONNX MaxPool on uint8): the max of the stored values, clamped to the fused activation only
            Attrs.Pool2D a = n.attrs(Attrs.Pool2D.class);
            if (a.activation() != dev.tinyforge.ir.Activation.NONE) throw Structs.unsupportedType(n, in);
            String params = "&" + ctx.declare("tf_pool_params", "params", "{" + Structs.hw(a.strides()[0], a.strides()[1]) + ", "
                    + Structs.hw(a.filter()[0], a.filter()[1]) + ", " + Structs.hw(a.pads()[0], a.pads()[1]) + ", "
                    + Structs.act(0, 255) + "}");
            code.call("tf_maxpool_u8_nhwc", params, inDims, ctx.ptr(in), outDims, ctx.ptr(out));
        } else if (Structs.isFloat(in)) {
            Attrs.Pool2D a = n.attrs(Attrs.Pool2D.class);
            String params = "&" + ctx.declare("tf_pool_f32_params", "params", "{" + Structs.hw(a.strides()[0], a.strides()[1])
                    + ", " + Structs.hw(a.filter()[0], a.filter()[1]) + ", " + Structs.hw(a.pads()[0], a.pads()[1]) + ", "
                    + Structs.actF32(a.activation()) + "}");
            code.call(avg ? "tf_avgpool_f32_nhwc" : "tf_maxpool_f32_nhwc", params, inDims, ctx.ptr(in), outDims, ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }
}
