package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.SvdfParams;

/**
 * SVDF: int8 with int16 (TFLite's usual) or int8 time weights and state, and float32. The state operand
 * is a variable, so {@link EmitContext#ptr} names its static buffer outside the arena, and the kernel
 * updates it in place across model_invoke() calls.
 */
public final class SvdfEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), wf = n.input(1), wt = n.input(2), bias = n.input(3), state = n.input(4), out = n.output();
        Attrs.Svdf a = n.attrs(Attrs.Svdf.class);
        String dims = "&" + ctx.declare("tf_svdf_dims", "dims", "{" + in.type().dim(0) + ", " + in.type().dim(1) + ", "
                + wf.type().dim(0) + ", " + a.rank() + ", " + wt.type().dim(1) + "}");
        if (Structs.isFloat(in)) {
            code.call("tf_svdf_f32", Structs.actF32Ref(ctx, a.activation()), dims, ctx.ptr(in), ctx.ptr(wf), ctx.ptr(wt),
                    ctx.ptr(bias), ctx.ptr(state), ctx.ptr(out));
            return;
        }
        if (!Structs.isInt8(in)) throw Structs.unsupportedType(n, in);
        ElementType st = state.type().elementType();
        if (wt.type().elementType() != st || (st != ElementType.INT16 && st != ElementType.INT8))
            throw new CompileException("node '" + n.name() + "': int8 SVDF needs int16 or int8 time weights and state of the "
                    + "same type, got " + wt.type().elementType().shortName() + " and " + st.shortName());
        SvdfParams p = SvdfParams.prepare(n);
        String params = "&" + ctx.declare("tf_svdf_params", "params", "{" + p.inputZeroPoint() + ", " + p.outputZeroPoint()
                + ", " + p.activationStateZeroPoint() + ", " + p.effectiveScale1A() + ", " + p.effectiveScale1B() + ", "
                + p.effectiveScale2A() + ", " + p.effectiveScale2B() + "}");
        code.call(st == ElementType.INT16 ? "tf_svdf_s8" : "tf_svdf_s8_state_s8", params, dims, ctx.ptr(in), ctx.ptr(wf),
                ctx.ptr(wt), ctx.ptr(bias), ctx.ptr(state), ctx.ptr(out));
    }
}
