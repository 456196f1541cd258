package dev.tinyforge.quant;

/**
 * TFLite's integer requantization primitives and the gemmlowp fixed-point functions its softmax,
 * logistic and tanh kernels use, on raw int32 values. A gemmlowp {@code FixedPoint<int32, N>} is an int
 * with N integer bits and 31 - N fractional bits; the methods take N where it matters. Additions and
 * negations wrap as in C on two's complement targets (gemmlowp does not saturate int32 adds).
 */
public final class FixedPoint {
    private FixedPoint() {}

    /** gemmlowp SaturatingRoundingDoublingHighMul (ARM VQRDMULH): round(a * b / 2^31), saturating -1 * -1. */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) return Integer.MAX_VALUE;
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31)); // Java, like C, divides toward zero
    }

    /** gemmlowp RoundingDivideByPOT: arithmetic right shift rounding to nearest, ties away from zero. */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent == 0) return x;
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /**
     * TFLM's default (double rounding) MultiplyByQuantizedMultiplier: x * 2^max(shift,0) (wrapping), the
     * rounding doubling high multiply, then a rounding right shift by max(-shift, 0).
     */
    public static int multiplyByQuantizedMultiplier(int x, int multiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier), rightShift);
    }

    public static int multiplyByQuantizedMultiplier(int x, QuantizedMultiplier m) {
        return multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift());
    }

    /**
     * The int64-input MultiplyByQuantizedMultiplier TFLite uses for 16x8 kernels: the multiplier is
     * reduced to 16 bits (rounded), then one rounding shift by 15 - shift.
     */
    public static int multiplyByQuantizedMultiplier(long x, int multiplier, int shift) {
        int reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long round = 1L << (totalShift - 1);
        long result = x * (long) reduced + round;
        return (int) (result >> totalShift);
    }

    /** MultiplyByQuantizedMultiplierSmallerThanOneExp (ADD/SUB): high multiply, then round right by -leftShift. */
    public static int multiplyByQuantizedMultiplierSmallerThanOneExp(int x, int multiplier, int leftShift) {
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
    }

    /** MultiplyByQuantizedMultiplierGreaterThanOne (softmax): x * 2^leftShift (wrapping), then high multiply. */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift) {
        return saturatingRoundingDoublingHighMul(x * (1 << leftShift), multiplier);
    }

    /** gemmlowp SaturatingRoundingMultiplyByPOT: saturating left shift (exponent &gt; 0) or rounding right shift. */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) return x;
        if (exponent < 0) return roundingDivideByPOT(x, -exponent);
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) return Integer.MAX_VALUE;
        if (x < -threshold) return Integer.MIN_VALUE;
        return x << exponent;
    }

    /** gemmlowp Rescale: the same real value moved from srcIntegerBits to dstIntegerBits. */
    public static int rescale(int x, int srcIntegerBits, int dstIntegerBits) {
        return saturatingRoundingMultiplyByPOT(x, srcIntegerBits - dstIntegerBits);
    }

    /** gemmlowp RoundingHalfSum for int32: (a + b) / 2 rounded away from zero. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + (long) b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }

    /** The raw value of 1.0 with the given integer bits (the largest value for 0 integer bits). */
    public static int one(int integerBits) {
        return integerBits == 0 ? Integer.MAX_VALUE : 1 << (31 - integerBits);
    }

    /** exp(a) for a in [-1/4, 0), a and result with 0 integer bits: Taylor expansion around -1/8. */
    static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668;    // exp(-1/8)
        final int constantOneThird = 715827883; // 1/3
        int x = a + (1 << 28);                  // a + 1/8
        int x2 = saturatingRoundingDoublingHighMul(x, x);
        int x3 = saturatingRoundingDoublingHighMul(x2, x);
        int x4 = saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int poly = saturatingRoundingMultiplyByPOT(
                saturatingRoundingDoublingHighMul(x4Over4 + x3, constantOneThird) + x2, -1);
        return constantTerm + saturatingRoundingDoublingHighMul(constantTerm, x + poly);
    }

    private static final int[] EXP_BARREL_MULTIPLIERS = {
        1672461947, // exp(-1/4)
        1302514674, // exp(-1/2)
        790015084,  // exp(-1)
        290630308,  // exp(-2)
        39332535,   // exp(-4)
        720401,     // exp(-8)
        242,        // exp(-16)
    };

    /**
     * gemmlowp exp_on_negative_values: exp(a) for a &lt;= 0 with {@code integerBits} integer bits; the
     * result has 0 integer bits. Splits a into a multiple of 1/4 (a barrel of exp(-2^k) factors) and a
     * remainder in [-1/4, 0).
     */
    public static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = expOnIntervalBetweenNegativeOneQuarterAnd0Excl(rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        int remainder = aModQuarterMinusOneQuarter - a;
        for (int k = 0; k < EXP_BARREL_MULTIPLIERS.length; k++) {
            int exponent = k - 2;
            if (integerBits > exponent) {
                int shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0)
                    result = saturatingRoundingDoublingHighMul(result, EXP_BARREL_MULTIPLIERS[k]);
            }
        }
        if (integerBits > 5) {
            int clamp = -(1 << (36 - integerBits)); // -32.0
            if (a < clamp) result = 0;
        }
        if (a == 0) result = one(0);
        return result;
    }

    /** gemmlowp one_over_one_plus_x_for_x_in_0_1: 1 / (1 + a), 0 integer bits, Newton-Raphson in Q2.29. */
    public static int oneOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, one(0)));
        return rescale(x, 1, 0); // ExactMulByPot<-1> reinterprets Q2 as Q1, then back to Q0
    }

    /** gemmlowp one_minus_x_over_one_plus_x_for_x_in_0_1: (1 - a) / (1 + a), 0 integer bits. */
    public static int oneMinusXOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, one(0)));
        return rescale(x - one(2), 2, 0);
    }

    /** 1 / halfDenominator in Q2.29 by three Newton-Raphson steps from 48/17 - 32/17 * d. */
    private static int newtonReciprocalOfHalfDenominator(int halfDenominator) {
        final int constant48Over17 = 1515870810;
        final int constantNeg32Over17 = -1010580540;
        int x = constant48Over17 + saturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x);
            int oneMinus = one(2) - halfDenominatorTimesX;
            x = x + rescale(saturatingRoundingDoublingHighMul(x, oneMinus), 4, 2);
        }
        return x;
    }

    /** gemmlowp logistic: 1 / (1 + exp(-a)) with {@code integerBits} integer bits in, 0 out. */
    public static int logistic(int a, int integerBits) {
        boolean positive = a > 0;
        int absInput = positive ? a : -a;
        int resultIfPositive = oneOverOnePlusXForXIn01(expOnNegativeValues(-absInput, integerBits));
        int resultIfNegative = one(0) - resultIfPositive;
        if (a == 0) return 1 << 30; // 0.5
        return positive ? resultIfPositive : resultIfNegative;
    }

    /** gemmlowp tanh with {@code integerBits} integer bits in, 0 out. */
    public static int tanh(int a, int integerBits) {
        boolean negative = a < 0;
        int n = negative ? a : -a;
        // neg_tanh_on_negative_values: ExactMulByPot<1> doubles the value by adding an integer bit
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
        if (a == 0) return 0;
        return negative ? -t : t;
    }

    /**
     * TFLite GetReciprocal: 1 / x for x with {@code integerDigits} integer bits, as a Q0.31 scale and the
     * power of two it is off by; returns {scale, numBitsOverUnit}.
     */
    public static int[] reciprocal(int x, int integerDigits) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        int numBitsOverUnit = integerDigits - headroomPlusOne;
        int shiftedSumMinusOne = (x << headroomPlusOne) - Integer.MIN_VALUE; // uint32 arithmetic, wraps
        return new int[] {oneOverOnePlusXForXIn01(shiftedSumMinusOne), numBitsOverUnit};
    }

    /** Saturating int32 addition (TFLite SaturatingAddNonGemmlowp). */
    public static int saturatingAdd(int a, int b) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) a + (long) b));
    }

    /** Saturating int32 subtraction (TFLite SaturatingSub). */
    public static int saturatingSub(int a, int b) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) a - (long) b));
    }

    /**
     * TFLite log_x_for_x_greater_than_or_equal_to_1_impl: log(x) for x with {@code inputIntegerBits}
     * integer bits (raw, positive), result with {@code outputIntegerBits}. The input is normalised to
     * r * 2^z twice (once pre-multiplied by sqrt(1/2)), the pair whose mantissa lies nearer to the
     * middle of the rational approximation's range is taken, and log(x) = z * log(2) + a Pade-like
     * term in q = 2 * (r - 2^-1/4), accumulated with one extra integer bit. Additions wrap like
     * gemmlowp's, except the two exponent adjustments, which saturate.
     */
    public static int logXForXGreaterThanOrEqualTo1(int raw, int inputIntegerBits, int outputIntegerBits) {
        final int accumBits = outputIntegerBits + 1;
        final int log2 = 1488522236, sqrtSqrtHalf = 1805811301, sqrtHalf = 1518500250, oneQuarter = 536870912;
        final int alphaN = 117049297, alphaD = 127690142, alphaI = 1057819769, alphaF = 638450708;
        int shiftedQuarter = rescale(oneQuarter, 0, accumBits);

        int zAHeadroomPlusOne = Integer.numberOfLeadingZeros(raw);
        int rATmp = saturatingRoundingMultiplyByPOT(raw, zAHeadroomPlusOne - 1);
        int rA = saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(rATmp, sqrtHalf), 1);
        int zAPow2Adj = saturatingAdd(saturatingRoundingMultiplyByPOT(inputIntegerBits - zAHeadroomPlusOne, 31 - accumBits),
                shiftedQuarter);

        int zB = saturatingRoundingDoublingHighMul(raw, sqrtHalf);
        int zBHeadroom = Integer.numberOfLeadingZeros(zB) - 1;
        int rB = saturatingRoundingMultiplyByPOT(raw, zBHeadroom);
        int zBPow2Adj = saturatingSub(saturatingRoundingMultiplyByPOT(inputIntegerBits - zBHeadroom, 31 - accumBits),
                shiftedQuarter);

        int r = Math.min(rA, rB);
        int zPow2Adj = Math.max(zAPow2Adj, zBPow2Adj);
        int p = roundingHalfSum(r, sqrtSqrtHalf);
        int q = r - sqrtSqrtHalf;
        q = q + q;
        int commonSq = saturatingRoundingDoublingHighMul(q, q);
        int num = saturatingRoundingDoublingHighMul(q, r)
                + saturatingRoundingDoublingHighMul(saturatingRoundingDoublingHighMul(q, commonSq), alphaN);
        int denomMinusOne = saturatingRoundingDoublingHighMul(p, alphaI + q + saturatingRoundingDoublingHighMul(alphaD, commonSq))
                + saturatingRoundingDoublingHighMul(alphaF, q);
        int recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);
        int numScaled = rescale(num, 0, accumBits);
        int sum = saturatingRoundingDoublingHighMul(zPow2Adj, log2) + saturatingRoundingDoublingHighMul(numScaled, recipDenom);
        return rescale(sum, accumBits, outputIntegerBits);
    }

    /** Clamps to [min, max]. */
    public static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }
}
