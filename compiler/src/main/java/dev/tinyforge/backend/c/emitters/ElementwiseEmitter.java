package dev.tinyforge.backend.c.emitters;

import java.util.Arrays;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.AddParams;
import dev.tinyforge.quant.params.MulParams;

/**
 * ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM: the elementwise kernel when both inputs have the output's shape,
 * the 4-D broadcasting kernel otherwise. int8 and float32; ADD, SUB and MUL also int16; DIV float32 only.
 */
public final class ElementwiseEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value a = n.input(0), b = n.input(1), out = n.output();
        boolean broadcast = !Arrays.equals(a.type().shape(), out.type().shape()) || !Arrays.equals(b.type().shape(), out.type().shape());
        String op = n.kind().name().toLowerCase(java.util.Locale.ROOT);
        String type;
        String params;
        if (n.kind() == OpKind.DIV && !Structs.isFloat(a)) throw Structs.unsupportedType(n, a);
        if (Structs.isInt8(a) || (Structs.isInt16(a) && n.kind() != OpKind.MAXIMUM && n.kind() != OpKind.MINIMUM)) {
            type = Structs.intSuffix(a);
            params = switch (n.kind()) {
                case ADD, SUB -> {
                    AddParams p = AddParams.prepare(n);
                    String declared = "&" + ctx.declare("tf_add_params", "params", "{" + p.leftShift() + ", " + p.input1Offset() + ", "
                            + p.input1Multiplier() + ", " + p.input1Shift() + ", " + p.input2Offset() + ", " + p.input2Multiplier()
                            + ", " + p.input2Shift() + ", " + p.outputOffset() + ", " + p.outputMultiplier() + ", "
                            + p.outputShift() + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
                    // int8 ADD on Helium: a per-layer body with a tabulated input rescale (same results); null: emitted
                    boolean body = n.kind() == OpKind.ADD && type.equals("s8") && !broadcast
                            && MveAdd.add(n, ctx, code, p, declared, out.type().elementCount());
                    yield body ? null : declared;
                }
                case MUL -> {
                    MulParams p = MulParams.prepare(n);
                    yield "&" + ctx.declare("tf_mul_params", "params", "{" + p.input1Offset() + ", " + p.input2Offset() + ", "
                            + p.outputOffset() + ", " + p.outputMultiplier() + ", " + p.outputShift() + ", "
                            + Structs.act(p.activationMin(), p.activationMax()) + "}");
                }
                case MAXIMUM, MINIMUM -> null;
                default -> throw new IllegalArgumentException(n.kind().toString());
            };
            if (params == null && (n.kind() == OpKind.ADD || n.kind() == OpKind.SUB)) return;
        } else if (Structs.isFloat(a) && n.attrs() instanceof Attrs.Binary bin) {
            type = "f32";
            params = Structs.actF32Ref(ctx, bin.activation());
        } else if (Structs.isFloat(a) && (n.kind() == OpKind.MAXIMUM || n.kind() == OpKind.MINIMUM)) {
            type = "f32";
            params = null;
        } else {
            throw Structs.unsupportedType(n, a);
        }
        String fn = MveKernels.elementwise(ctx, "tf_" + op + "_" + type + (broadcast ? "_broadcast" : ""));
        // int8 ADD on other DSP cores: tabulated input rescales (tf_add_s8_dsp, same results)
        if (fn.equals("tf_add_s8") && ctx.isa().hasDsp()) fn = "tf_add_s8_dsp";
        String shape = broadcast ? Structs.broadcast(ctx, a.type(), b.type(), out.type()) : Structs.size(out);
        if (params == null) code.call(fn, shape, ctx.ptr(a), ctx.ptr(b), ctx.ptr(out));
        else code.call(fn, params, shape, ctx.ptr(a), ctx.ptr(b), ctx.ptr(out));
    }
}
