package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.quant.params.AffineParams;
import dev.tinyforge.ir.Value;

/**
 * QUANTIZE (float to int8/int16, or requantization between int8 and int16) and DEQUANTIZE (int8/int16
 * to float).
 */
public final class QuantizeEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        boolean intIn = Structs.isInt8(in) || Structs.isInt16(in), intOut = Structs.isInt8(out) || Structs.isInt16(out);
        if (n.kind() == OpKind.QUANTIZE && Structs.isFloat(in) && intOut) {
            code.call("tf_quantize_f32_" + Structs.intSuffix(out), affine(ctx, AffineParams.prepare(n)), Structs.size(out),
                    ctx.ptr(in), ctx.ptr(out));
        } else if (n.kind() == OpKind.QUANTIZE && intIn && intOut) {
            ActivationEmitter.requantize(n, ctx, code);
        } else if (n.kind() == OpKind.DEQUANTIZE && intIn && Structs.isFloat(out)) {
            code.call("tf_dequantize_" + Structs.intSuffix(in) + "_f32", affine(ctx, AffineParams.prepare(n)), Structs.size(out),
                    ctx.ptr(in), ctx.ptr(out));
        } else {
            throw new dev.tinyforge.CompileException("node '" + n.name() + "': " + n.kind() + " from "
                    + in.type().elementType().shortName() + " to " + out.type().elementType().shortName()
                    + " has no C kernel yet (float32<->int8/int16 and int8/int16->int8/int16 are supported)");
        }
    }

    private static String affine(EmitContext ctx, AffineParams p) {
        return "&" + ctx.declare("tf_affine_params", "params", "{" + CLiterals.floatLiteral(p.scale()) + ", " + p.zeroPoint() + "}");
    }
}
