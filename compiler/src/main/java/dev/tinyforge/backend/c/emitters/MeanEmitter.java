package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * MEAN over a set of axes, int8 and float32. The int8 kernel folds 1/count into the multiplier itself,
 * so it takes TFLM's unfolded QuantizeMultiplier(input_scale / output_scale).
 */
public final class MeanEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        int[] shape = in.type().shape();
        int mask = 0;
        for (int axis : n.attrs(Attrs.Reduce.class).axes()) mask |= 1 << axis;
        String ndims = Integer.toString(shape.length), inShape = ctx.declareInts("in_shape", shape);
        String maskText = "0x" + Integer.toHexString(mask) + "u";
        if (Structs.isInt8(in)) {
            Quant qi = in.type().quant(), qo = out.type().quant();
            // same_quant = 0: the TFLM these goldens come from requantizes even when input and output
            // quantization are equal (its older raw-sum shortcut does not match the golden intermediates).
            QuantizedMultiplier m = QuantizedMultiplier.of((double) qi.scale() / (double) qo.scale());
            String params = "&" + ctx.declare("tf_mean_params", "params", "{0, " + qi.zeroPoint() + ", "
                    + qo.zeroPoint() + ", " + m.multiplier() + ", " + m.shift() + "}");
            code.call("tf_mean_s8", params, ndims, inShape, maskText, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isFloat(in)) {
            code.call("tf_mean_f32", ndims, inShape, maskText, ctx.ptr(in), ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }
}
