package dev.tinyforge.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-worked values of TFLite's / gemmlowp's integer primitives. */
class FixedPointTest {

    @Test void doublingHighMulRoundsAndSaturates() {
        assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        assertEquals(1 << 29, FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30)); // 0.5 * 0.5
        assertEquals(50, FixedPoint.saturatingRoundingDoublingHighMul(100, 1 << 30));          // 100 * 0.5
        assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30));             // 1.5 -> 2
        assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30));           // -1.5 -> -1 (nudge)
    }

    @Test void roundingDivideByPowerOfTwoRoundsHalfAwayFromZero() {
        assertEquals(3, FixedPoint.roundingDivideByPOT(5, 1));   // 2.5
        assertEquals(-3, FixedPoint.roundingDivideByPOT(-5, 1)); // -2.5
        assertEquals(-2, FixedPoint.roundingDivideByPOT(-4, 1));
        assertEquals(2, FixedPoint.roundingDivideByPOT(7, 2));   // 1.75
        assertEquals(-2, FixedPoint.roundingDivideByPOT(-6, 2)); // -1.5
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-5, 2)); // -1.25
        assertEquals(7, FixedPoint.roundingDivideByPOT(7, 0));
    }

    @Test void multiplyByQuantizedMultiplierRoundsTwice() {
        assertEquals(50, FixedPoint.multiplyByQuantizedMultiplier(100, 1 << 30, 0));
        assertEquals(400, FixedPoint.multiplyByQuantizedMultiplier(100, 1 << 30, 3)); // 100 * 0.5 * 8
        // 5 * 0.25 = 1.25, but TFLM rounds 5 * 0.5 = 2.5 to 3 first, then 3 / 2 = 1.5 to 2
        assertEquals(2, FixedPoint.multiplyByQuantizedMultiplier(5, 1 << 30, -1));
        assertEquals(-2, FixedPoint.multiplyByQuantizedMultiplier(-6, 1 << 30, -1)); // -1.5 -> -2
    }

    @Test void smallerThanOneAndGreaterThanOneForms() {
        assertEquals(25, FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(100, 1 << 30, -1));
        assertEquals(400, FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(100, 1 << 30, 3));
    }

    @Test void int64MultiplierUsesA16BitMultiplier() {
        // multiplier 2^30 -> reduced (2^30 + 2^15) >> 16 = 2^14; shift 0: total shift 15 -> x * 2^14 / 2^15
        assertEquals(50, FixedPoint.multiplyByQuantizedMultiplier(100L, 1 << 30, 0));
        assertEquals(-50, FixedPoint.multiplyByQuantizedMultiplier(-101L, 1 << 30, 0)); // -50.5: one rounding, half up
    }

    @Test void saturatingShiftsAndRescale() {
        assertEquals(Integer.MAX_VALUE, FixedPoint.saturatingRoundingMultiplyByPOT(1 << 30, 2));
        assertEquals(Integer.MIN_VALUE, FixedPoint.saturatingRoundingMultiplyByPOT(-(1 << 30), 2));
        assertEquals(1 << 28, FixedPoint.saturatingRoundingMultiplyByPOT(1 << 26, 2));
        assertEquals(1 << 19, FixedPoint.rescale(Integer.MAX_VALUE, 0, 12)); // 1.0 in Q0.31 -> Q12.19
        assertEquals(-2, FixedPoint.roundingHalfSum(-1, -2)); // -1.5 -> -2
        assertEquals(2, FixedPoint.roundingHalfSum(1, 2));
    }

    @Test void expOnNegativeValuesApproximatesExp() {
        assertEquals(Integer.MAX_VALUE, FixedPoint.expOnNegativeValues(0, 5));
        for (double x : new double[] {-0.1, -0.25, -1.0, -2.5, -7.0, -15.9}) {
            int raw = (int) Math.round(x * (1 << 26)); // Q5.26
            double got = FixedPoint.expOnNegativeValues(raw, 5) / 0x1p31;
            assertTrue(Math.abs(got - Math.exp(x)) < 1e-8 + 1e-6 * Math.exp(x), x + ": " + got);
        }
        assertEquals(0, FixedPoint.expOnNegativeValues(-(33 << 25), 6)); // below -32 with 6 integer bits: clamped to 0
    }

    @Test void logisticTanhAndReciprocalApproximateTheirFunctions() {
        assertEquals(1 << 30, FixedPoint.logistic(0, 4));
        assertEquals(0, FixedPoint.tanh(0, 4));
        for (double x : new double[] {-6, -1.5, -0.3, 0.3, 1.5, 6}) {
            int raw = (int) Math.round(x * (1 << 27)); // Q4.27
            assertEquals(1 / (1 + Math.exp(-x)), FixedPoint.logistic(raw, 4) / 0x1p31, 1e-6, "logistic " + x);
            assertEquals(Math.tanh(x), FixedPoint.tanh(raw, 4) / 0x1p31, 1e-6, "tanh " + x);
        }
        // 3.0 in Q12.19 has 11 leading zeros: 1 bit over unit; normalized it is 1 + 0.5, so the scale is 1 / 1.5
        int[] r = FixedPoint.reciprocal(3 << 19, 12);
        assertEquals(1, r[1]);
        assertEquals(1.0 / 1.5, r[0] / 0x1p31, 1e-6);
    }
}
