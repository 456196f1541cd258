package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.MeanParams;

/** MEAN over a set of axes, int8 and float32 (the int8 kernel folds 1/count into the multiplier at run time, as TFLM). */
public final class MeanEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        int[] shape = in.type().shape();
        int mask = 0;
        for (int axis : n.attrs(Attrs.Reduce.class).axes()) mask |= 1 << axis;
        String ndims = Integer.toString(shape.length), inShape = ctx.declareInts("in_shape", shape);
        String maskText = "0x" + Integer.toHexString(mask) + "u";
        if (Structs.isInt8(in)) {
            MeanParams p = MeanParams.prepare(n);
            String params = "&" + ctx.declare("tf_mean_params", "params", "{" + (p.sameQuant() ? 1 : 0) + ", "
                    + p.inputZeroPoint() + ", " + p.outputZeroPoint() + ", " + p.multiplier() + ", " + p.shift() + "}");
            // Helium: tf_mean_s8_mve (same signature and results; vectorized over the innermost axes)
            String fn = ctx.isa() == dev.tinyforge.Isa.MVE ? "tf_mean_s8_mve" : "tf_mean_s8";
            code.call(fn, params, ndims, inShape, maskText, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isFloat(in)) {
            code.call("tf_mean_f32", ndims, inShape, maskText, ctx.ptr(in), ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }
}
