package dev.tinyforge.quant;

/** C's rounding and frexp, which Java lacks in the exact form TFLite relies on. */
public final class Rounding {
    private Rounding() {}

    /** std::round / TfLiteRound on a double: halves go away from zero (Math.round sends -2.5 to -2). */
    public static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        double a = Math.abs(x);
        double t = Math.floor(a);
        if (a - t >= 0.5) t += 1.0; // a - floor(a) is exact in binary floating point
        return Math.copySign(t, x);
    }

    /** roundf / TfLiteRound on a float. Rounding a float to an integer is exact, so the double path agrees. */
    public static float round(float x) {
        return (float) round((double) x);
    }

    /**
     * std::frexp: x = fraction * 2^exponent with |fraction| in [0.5, 1), or (0, 0) for zero.
     * Returns the fraction; the exponent goes to {@code exponentOut[0]}.
     */
    public static double frexp(double x, int[] exponentOut) {
        if (x == 0.0 || Double.isNaN(x) || Double.isInfinite(x)) {
            exponentOut[0] = 0;
            return x;
        }
        int bias = 0;
        if (Math.getExponent(x) < Double.MIN_EXPONENT) { // subnormal: normalize first
            x *= 0x1p54;
            bias = -54;
        }
        int e = Math.getExponent(x) + 1;
        exponentOut[0] = e + bias;
        return Math.scalb(x, -e);
    }
}
