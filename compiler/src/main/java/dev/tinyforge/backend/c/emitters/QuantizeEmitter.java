package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.quant.params.AffineParams;
import dev.tinyforge.ir.Value;

/** QUANTIZE (float to int8, or int8 requantization) and DEQUANTIZE (int8 to float). */
public final class QuantizeEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (n.kind() == OpKind.QUANTIZE && Structs.isFloat(in) && Structs.isInt8(out)) {
            code.call("tf_quantize_f32_s8", affine(ctx, AffineParams.prepare(n)), Structs.size(out), ctx.ptr(in), ctx.ptr(out));
        } else if (n.kind() == OpKind.QUANTIZE && Structs.isInt8(in) && Structs.isInt8(out)) {
            ActivationEmitter.requantize(n, ctx, code);
        } else if (n.kind() == OpKind.DEQUANTIZE && Structs.isInt8(in) && Structs.isFloat(out)) {
            code.call("tf_dequantize_s8_f32", affine(ctx, AffineParams.prepare(n)), Structs.size(out), ctx.ptr(in), ctx.ptr(out));
        } else {
            throw new dev.tinyforge.CompileException("node '" + n.name() + "': " + n.kind() + " from "
                    + in.type().elementType().shortName() + " to " + out.type().elementType().shortName()
                    + " has no C kernel yet (float32<->int8 and int8->int8 are supported)");
        }
    }

    private static String affine(EmitContext ctx, AffineParams p) {
        return "&" + ctx.declare("tf_affine_params", "params", "{" + CLiterals.floatLiteral(p.scale()) + ", " + p.zeroPoint() + "}");
    }
}
