package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.params.HardSwishParams;

/**
 * HARD_SWISH as TFLite's reference. Int8: int16 fixed-point arithmetic (hires input, relu-ish factor in
 * [0, 1], truncating doubling high multiply, output shift). Float: x * min(6, max(0, x + 3)) / 6.
 */
public final class HardSwishEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> {
                float[] x = input.float32(), o = out.float32();
                for (int i = 0; i < x.length; i++) o[i] = x[i] * Math.min(6f, Math.max(0f, x[i] + 3f)) / 6f;
            }
            case INT8 -> {
                HardSwishParams p = HardSwishParams.prepare(node);
                byte[] x = input.int8(), o = out.int8();
                for (int i = 0; i < x.length; i++) o[i] = (byte) quantized(p, x[i], Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    static int quantized(HardSwishParams p, int in, int typeMin, int typeMax) {
        short inputValue = (short) (in - p.inputZeroPoint());
        short hires = (short) (inputValue * (1 << 7));
        short preshiftOutput = srdhm16(hires, p.outputMultiplierFixedpointInt16());
        short reluish = hires;
        if (p.reluishMultiplierExponent() > 0) reluish = saturatingLeftShift(reluish, p.reluishMultiplierExponent() - 1);
        reluish = srdhm16(reluish, p.reluishMultiplierFixedpointInt16());
        if (p.reluishMultiplierExponent() > 0) reluish = saturatingLeftShift(reluish, 1);
        if (p.reluishMultiplierExponent() < 0) reluish = (short) roundingDivideByPOT16(reluish, -p.reluishMultiplierExponent());
        reluish = (short) ((reluish + (1 << 15)) >> 1);
        short preshift = saturatingDoublingHighMul16(reluish, preshiftOutput);
        short output = (short) roundingDivideByPOT16(preshift, -p.outputMultiplierExponent());
        output = (short) (output + p.outputZeroPoint());
        return Math.max(Math.min(output, typeMax), typeMin);
    }

    private static short saturatingLeftShift(short v, int amount) {
        long r = (long) v * (1L << amount);
        return (short) Math.max(Math.min(r, Short.MAX_VALUE), Short.MIN_VALUE);
    }

    /** gemmlowp SaturatingRoundingDoublingHighMul for int16. */
    private static short srdhm16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) return Short.MAX_VALUE;
        int ab = a * b;
        int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
        return (short) ((ab + nudge) / (1 << 15));
    }

    /** SQDMULH-like: doubling high multiply rounding toward zero. */
    private static short saturatingDoublingHighMul16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) return Short.MAX_VALUE;
        return (short) ((a * b) / (1 << 15));
    }

    /** gemmlowp RoundingDivideByPOT on an int16 value. */
    private static int roundingDivideByPOT16(short x, int exponent) {
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
