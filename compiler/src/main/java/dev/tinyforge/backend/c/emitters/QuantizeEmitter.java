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
        if (n.kind() == OpKind.QUANTIZE && isSignFlip(in, out)) {
            code.call("tf_convert_" + (Structs.isInt8(in) ? "s8_u8" : "u8_s8"), Structs.size(out), ctx.ptr(in), ctx.ptr(out));
        } else if (n.kind() == OpKind.QUANTIZE && Structs.isFloat(in) && intOut) {
            code.call(MveKernels.elementwise(ctx, "tf_quantize_f32_" + Structs.intSuffix(out)), affine(ctx, AffineParams.prepare(n)), Structs.size(out),
                    ctx.ptr(in), ctx.ptr(out));
        } else if (n.kind() == OpKind.QUANTIZE && intIn && intOut) {
            ActivationEmitter.requantize(n, ctx, code);
        } else if (n.kind() == OpKind.DEQUANTIZE && in.type().elementType() == dev.tinyforge.ir.ElementType.UINT8 && Structs.isFloat(out)) {
            code.call("tf_dequantize_u8_f32", affine(ctx, AffineParams.prepare(n)), Structs.size(out), ctx.ptr(in), ctx.ptr(out));
        } else if (n.kind() == OpKind.DEQUANTIZE && intIn && Structs.isFloat(out)) {
            code.call("tf_dequantize_" + Structs.intSuffix(in) + "_f32", affine(ctx, AffineParams.prepare(n)), Structs.size(out),
                    ctx.ptr(in), ctx.ptr(out));
        } else {
            throw new dev.tinyforge.CompileException("node '" + n.name() + "': " + n.kind() + " from "
                    + in.type().elementType().shortName() + " to " + out.type().elementType().shortName()
                    + " has no C kernel yet (float32<->int8/int16, uint8->float32 and int8/int16->int8/int16 are supported)");
        }
    }

    /** int8 to uint8 or back at the same scale, zero points 128 apart: each stored value's sign bit flips. */
    private static boolean isSignFlip(Value in, Value out) {
        dev.tinyforge.ir.ElementType a = in.type().elementType(), b = out.type().elementType();
        boolean pair = a == dev.tinyforge.ir.ElementType.INT8 && b == dev.tinyforge.ir.ElementType.UINT8
                || a == dev.tinyforge.ir.ElementType.UINT8 && b == dev.tinyforge.ir.ElementType.INT8;
        if (!pair || in.type().quant() == null || out.type().quant() == null) return false;
        dev.tinyforge.ir.Quant qi = in.type().quant(), qo = out.type().quant();
        int shift = a == dev.tinyforge.ir.ElementType.INT8 ? 128 : -128;
        return !qi.isPerChannel() && !qo.isPerChannel() && qi.scale() == qo.scale() && qo.zeroPoint() == qi.zeroPoint() + shift;
    }

    private static String affine(EmitContext ctx, AffineParams p) {
        return "&" + ctx.declare("tf_affine_params", "params", "{" + CLiterals.floatLiteral(p.scale()) + ", " + p.zeroPoint() + "}");
    }
}
