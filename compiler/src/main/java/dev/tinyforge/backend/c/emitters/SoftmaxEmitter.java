package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.Int16Lut;
import dev.tinyforge.quant.params.LogSoftmaxParams;
import dev.tinyforge.quant.params.SoftmaxParams;

/** SOFTMAX and LOG_SOFTMAX over the last dimension, int8 and float32; SOFTMAX also int8 to int16 and int16. */
public final class SoftmaxEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        int depth = in.type().dim(-1);
        String rows = Long.toString(in.type().elementCount() / Math.max(1, depth));
        String cols = Integer.toString(depth);
        boolean log = n.kind() == OpKind.LOG_SOFTMAX;
        if (Structs.isInt8(in) && log) {
            LogSoftmaxParams p = LogSoftmaxParams.prepare(n);
            String params = "&" + ctx.declare("tf_log_softmax_params", "params", "{" + p.inputMultiplier() + ", "
                    + p.inputLeftShift() + ", " + p.reverseScalingDivisor() + ", " + p.reverseScalingRightShift() + ", "
                    + p.diffMin() + "}");
            code.call("tf_log_softmax_s8", params, rows, cols, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isInt8(in)) {
            SoftmaxParams p = SoftmaxParams.prepare(n);
            String params = "&" + ctx.declare("tf_softmax_params", "params",
                    "{" + p.inputMultiplier() + ", " + p.inputLeftShift() + ", " + p.diffMin() + "}");
            code.call(Structs.isInt16(out) ? "tf_softmax_s8_s16" : "tf_softmax_s8", params, rows, cols, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isInt16(in) && !log) {
            // TFLM builds these tables in Prepare; here they are computed at compile time with the same float arithmetic
            SoftmaxParams p = SoftmaxParams.prepare(n);
            String exp = ctx.declareArray("int16_t", "exp_lut", Int16Lut.SIZE, shorts(Int16Lut.softmaxExp()));
            String recip = ctx.declareArray("int16_t", "one_over_one_plus_x_lut", Int16Lut.SIZE, shorts(Int16Lut.softmaxOneOverOnePlusX()));
            String params = "&" + ctx.declare("tf_softmax_s16_params", "params",
                    "{" + p.inputMultiplier() + ", " + p.inputLeftShift() + ", " + exp + ", " + recip + "}");
            code.call("tf_softmax_s16", params, rows, cols, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isFloat(in) && log) {
            code.call("tf_log_softmax_f32", rows, cols, ctx.ptr(in), ctx.ptr(out));
        } else if (Structs.isFloat(in)) {
            code.call("tf_softmax_f32", CLiterals.floatLiteral(n.attrs(Attrs.Softmax.class).beta()), rows, cols,
                    ctx.ptr(in), ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }

    private static String shorts(short[] v) {
        int[] w = new int[v.length];
        for (int i = 0; i < v.length; i++) w[i] = v[i];
        return dev.tinyforge.backend.c.CLiterals.array(w);
    }
}
