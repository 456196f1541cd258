package dev.tinyforge.quant;

import java.util.function.DoubleUnaryOperator;

/**
 * TFLite's int16-input lookup tables (kernels/internal/common.h gen_lut&lt;float, int16_t, int16_t&gt; and
 * lut_lookup_with_interpolation): 512 segments over [inputMin, inputMax] plus one end value, each entry
 * the rounded sample of the function in Q0.15 minus half the error that linear interpolation makes at
 * the segment's midpoint; lookups interpolate with the 7 low bits of the int16 input. All table
 * arithmetic is float, as in TFLM's Prepare; the function is evaluated in double and rounded to float,
 * which equals a correctly rounded expf/division (TFLM uses std::exp on float: glibc's expf is correctly
 * rounded, so the tables agree unless a libm is not).
 */
public final class Int16Lut {
    private Int16Lut() {}

    public static final int SIZE = 513;

    /** gen_lut for an int16 input and int16 output table on [inputMin, inputMax], outputs scaled from [outputMin, outputMax]. */
    public static short[] generate(DoubleUnaryOperator func, float inputMin, float inputMax, float outputMin, float outputMax) {
        final int steps = 512;
        final float step = (inputMax - inputMin) / steps;
        final float halfStep = step / 2;
        final float scalingInv = (float) (Short.MAX_VALUE - Short.MIN_VALUE + 1) / (outputMax - outputMin);
        short[] lut = new short[SIZE];
        for (int i = 0; i < steps; i++) {
            float val = f(func, inputMin + i * step);
            float valMid = f(func, inputMin + i * step + halfStep);
            float valNext = f(func, inputMin + (i + 1) * step);
            float sample = Rounding.round(val * scalingInv);
            float midInterp = Rounding.round((valNext * scalingInv + Rounding.round(val * scalingInv)) / 2);
            float mid = Rounding.round(valMid * scalingInv);
            float bias = Rounding.round((midInterp - mid) / 2);
            lut[i] = (short) Math.min(Math.max(sample - bias, Short.MIN_VALUE), Short.MAX_VALUE);
        }
        lut[steps] = (short) Math.min(Math.max(Rounding.round(f(func, inputMax) * scalingInv), Short.MIN_VALUE), Short.MAX_VALUE);
        return lut;
    }

    private static float f(DoubleUnaryOperator func, float x) { return (float) func.applyAsDouble(x); }

    /** lut_lookup_with_interpolation: segment (value &gt;&gt; 7) + 256, slope times the 7 low bits, rounded. */
    public static short lookup(short value, short[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7f;
        short base = lut[index];
        short slope = (short) (lut[index + 1] - lut[index]);
        int delta = (slope * offset + 64) >> 7;
        return (short) (base + delta);
    }

    /** TFLM's softmax exp table: exp(x) on [-10, 0]. */
    public static short[] softmaxExp() {
        return generate(x -> Math.exp((float) x), -10.0f, 0.0f, -1.0f, 1.0f);
    }

    /** TFLM's softmax reciprocal table: 1 / (1 + x) on [0, 1], in float. */
    public static short[] softmaxOneOverOnePlusX() {
        return generate(x -> 1.0f / (1.0f + (float) x), 0.0f, 1.0f, -1.0f, 1.0f);
    }
}
