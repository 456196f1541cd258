package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.params.HardSwishParams;
import dev.tinyforge.quant.params.LeakyReluParams;
import dev.tinyforge.quant.params.LogisticTanhInt16Params;
import dev.tinyforge.quant.params.LogisticTanhParams;
import dev.tinyforge.quant.params.PreluParams;
import dev.tinyforge.quant.params.RequantParams;

/**
 * Standalone activations: RELU family, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU, PRELU; int8 and (where TFLite has
 * them) float32; LOGISTIC and TANH also int16 (TFLM's table-lookup kernels).
 */
public final class ActivationEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (Structs.isFloat(in)) {
            emitFloat(n, ctx, code);
            return;
        }
        if (Structs.isInt16(in) && (n.kind() == dev.tinyforge.ir.OpKind.LOGISTIC || n.kind() == dev.tinyforge.ir.OpKind.TANH)) {
            LogisticTanhInt16Params p = LogisticTanhInt16Params.prepare(n);
            boolean logistic = n.kind() == dev.tinyforge.ir.OpKind.LOGISTIC;
            String params = "&" + ctx.declare(logistic ? "tf_logistic_s16_params" : "tf_tanh_s16_params", "params",
                    "{" + p.inputMultiplier() + ", " + p.inputLeftShift() + "}");
            code.call(logistic ? "tf_logistic_s16" : "tf_tanh_s16", params, Structs.size(out), ctx.ptr(in), ctx.ptr(out));
            return;
        }
        if (!Structs.isInt8(in)) throw Structs.unsupportedType(n, in);
        String size = Structs.size(out);
        switch (n.kind()) {
            case RELU, RELU_N1_TO_1 -> requantize(n, ctx, code);
            case RELU6 -> {
                // TFLM clamps the raw int8 values (input and output share quantization): no requantization.
                ActivationRange r = RequantParams.relu6Bounds(n);
                String act = "&" + ctx.declare("tf_activation", "activation", Structs.act(r.min(), r.max()));
                code.call("tf_clamp_s8", act, size, ctx.ptr(in), ctx.ptr(out));
            }
            case LOGISTIC, TANH -> {
                LogisticTanhParams p = LogisticTanhParams.prepare(n);
                String ctype = n.kind() == dev.tinyforge.ir.OpKind.LOGISTIC ? "tf_logistic_params" : "tf_tanh_params";
                String params = "&" + ctx.declare(ctype, "params", "{" + p.inputZeroPoint() + ", " + p.inputRangeRadius() + ", "
                        + p.inputMultiplier() + ", " + p.inputLeftShift() + "}");
                code.call(n.kind() == dev.tinyforge.ir.OpKind.LOGISTIC ? "tf_logistic_s8" : "tf_tanh_s8", params, size,
                        ctx.ptr(in), ctx.ptr(out));
            }
            case HARD_SWISH -> {
                HardSwishParams p = HardSwishParams.prepare(n);
                String params = "&" + ctx.declare("tf_hard_swish_params", "params", "{" + p.inputZeroPoint() + ", "
                        + p.outputZeroPoint() + ", " + p.reluishMultiplierFixedpointInt16() + ", " + p.reluishMultiplierExponent()
                        + ", " + p.outputMultiplierFixedpointInt16() + ", " + p.outputMultiplierExponent() + "}");
                code.call("tf_hard_swish_s8", params, size, ctx.ptr(in), ctx.ptr(out));
            }
            case LEAKY_RELU -> {
                LeakyReluParams p = LeakyReluParams.prepare(n);
                String params = "&" + ctx.declare("tf_leaky_relu_params", "params", "{" + p.inputZeroPoint() + ", "
                        + p.outputZeroPoint() + ", " + p.outputMultiplierIdentity() + ", " + p.outputShiftIdentity() + ", "
                        + p.outputMultiplierAlpha() + ", " + p.outputShiftAlpha() + "}");
                code.call("tf_leaky_relu_s8", params, size, ctx.ptr(in), ctx.ptr(out));
            }
            case PRELU -> {
                PreluParams p = PreluParams.prepare(n);
                String params = "&" + ctx.declare("tf_prelu_params", "params", "{" + p.inputOffset() + ", " + p.alphaOffset()
                        + ", " + p.outputOffset() + ", " + p.outputMultiplier1() + ", " + p.outputShift1() + ", "
                        + p.outputMultiplier2() + ", " + p.outputShift2() + "}");
                code.call("tf_prelu_s8", params, Structs.broadcast(ctx, in.type(), n.input(1).type(), out.type()),
                        ctx.ptr(in), ctx.ptr(n.input(1)), ctx.ptr(out));
            }
            default -> throw new IllegalArgumentException(n.kind().toString());
        }
    }

    /** One-input requantization (QUANTIZE between int8/int16, RELU, RELU_N1_TO_1) through tf_requantize_<in>_<out>. */
    static void requantize(Node n, EmitContext ctx, LayerCode code) {
        RequantParams p = RequantParams.prepare(n);
        String params = "&" + ctx.declare("tf_requant_params", "params", "{" + p.inputOffset() + ", " + p.outputOffset() + ", "
                + p.multiplier() + ", " + p.shift() + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
        code.call("tf_requantize_" + Structs.intSuffix(n.input(0)) + "_" + Structs.intSuffix(n.output()), params,
                Structs.size(n.output()), ctx.ptr(n.input(0)), ctx.ptr(n.output()));
    }

    private static void emitFloat(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        String size = Structs.size(out);
        switch (n.kind()) {
            case RELU, RELU6, RELU_N1_TO_1 -> {
                float lo = n.kind() == dev.tinyforge.ir.OpKind.RELU_N1_TO_1 ? -1f : 0f;
                float hi = switch (n.kind()) {
                    case RELU6 -> 6f;
                    case RELU_N1_TO_1 -> 1f;
                    default -> Float.POSITIVE_INFINITY;
                };
                String act = "&" + ctx.declare("tf_activation_f32", "activation",
                        "{" + CLiterals.floatLiteral(lo) + ", " + CLiterals.floatLiteral(hi) + "}");
                code.call("tf_clamp_f32", act, size, ctx.ptr(in), ctx.ptr(out));
            }
            case LOGISTIC -> code.call("tf_logistic_f32", size, ctx.ptr(in), ctx.ptr(out));
            case TANH -> code.call("tf_tanh_f32", size, ctx.ptr(in), ctx.ptr(out));
            case HARD_SWISH -> code.call("tf_hard_swish_f32", size, ctx.ptr(in), ctx.ptr(out));
            case LEAKY_RELU -> code.call("tf_leaky_relu_f32",
                    CLiterals.floatLiteral(n.attrs(dev.tinyforge.ir.Attrs.LeakyRelu.class).alpha()), size, ctx.ptr(in), ctx.ptr(out));
            case PRELU -> code.call("tf_prelu_f32_nd", BroadcastNd.declare(ctx, n), ctx.ptr(in), ctx.ptr(n.input(1)), ctx.ptr(out));
            default -> throw Structs.unsupportedType(n, in);
        }
    }
}
