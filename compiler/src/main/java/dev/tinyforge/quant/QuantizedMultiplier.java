package dev.tinyforge.quant;

import dev.tinyforge.CompileException;

/**
 * A real multiplier as TFLite stores it: real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31)
 * (or 0 for a zero multiplier), shift &gt; 0 meaning a left shift.
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /**
     * TFLite's QuantizeMultiplier: frexp, round the significand to 31 bits (half away from zero), fold a
     * significand that rounded up to 2^31 back into range, and flush shifts below -31 to zero.
     */
    public static QuantizedMultiplier of(double real) {
        if (real == 0.0) return new QuantizedMultiplier(0, 0);
        int[] exp = new int[1];
        double q = Rounding.frexp(real, exp);
        int shift = exp[0];
        long qFixed = (long) Rounding.round(q * (double) (1L << 31));
        if (qFixed > (1L << 31)) throw new IllegalStateException("significand out of range for " + real);
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) {
            shift = 0;
            qFixed = 0;
        }
        return new QuantizedMultiplier((int) qFixed, shift);
    }

    /** QuantizeMultiplierSmallerThanOneExp: the same, for reals in (0, 1); shift is then &lt;= 0. */
    public static QuantizedMultiplier smallerThanOne(double real) {
        if (!(real > 0.0 && real < 1.0))
            throw new CompileException("quantization multiplier " + real + " must lie in (0, 1)");
        QuantizedMultiplier m = of(real);
        if (m.shift > 0) throw new CompileException("quantization multiplier " + real + " rounds to >= 1");
        return m;
    }

    /** QuantizeMultiplierGreaterThanOne: the same, for reals above 1; shift is then &gt;= 0. */
    public static QuantizedMultiplier greaterThanOne(double real) {
        if (!(real > 1.0)) throw new CompileException("quantization multiplier " + real + " must exceed 1");
        QuantizedMultiplier m = of(real);
        if (m.shift < 0) throw new CompileException("quantization multiplier " + real + " has a negative shift");
        return m;
    }

    /**
     * The inline frexp form TFLM's LOGISTIC and TANH prepare use: no fold-back when the significand
     * rounds to 2^31 (the int32 cast then wraps, as in C on two's complement targets) and no flush.
     */
    public static QuantizedMultiplier frexpUnchecked(double real) {
        int[] exp = new int[1];
        double q = Rounding.frexp(real, exp);
        return new QuantizedMultiplier((int) (long) Rounding.round(q * (double) (1L << 31)), exp[0]);
    }

    /** The real value this pair encodes. */
    public double toDouble() {
        return multiplier * Math.pow(2.0, shift - 31);
    }
}
