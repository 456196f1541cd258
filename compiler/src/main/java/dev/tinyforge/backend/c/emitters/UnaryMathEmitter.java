package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** ABS, NEG, EXP, SQRT, ROUND, ELU, THRESHOLDED_RELU on float32 (ONNX operators): one kernel each in src/math. */
public final class UnaryMathEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (!Structs.isFloat(in)) throw Structs.unsupportedType(n, in);
        String fn = "tf_" + n.kind().irName() + "_f32";
        if (n.attrs() instanceof Attrs.Elu e)
            code.call(fn, CLiterals.floatLiteral(e.alpha()), Structs.size(out), ctx.ptr(in), ctx.ptr(out));
        else
            code.call(fn, Structs.size(out), ctx.ptr(in), ctx.ptr(out));
    }
}
