package dev.tinyforge.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;

/** Expected values worked out by hand from TFLite's QuantizeMultiplier definition (frexp, round, fold). */
class QuantizedMultiplierTest {

    @Test void powersOfTwoAreHalfTimesAShift() {
        assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5));   // 0.5 = 0.5 * 2^0
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0));   // 1 = 0.5 * 2^1
        assertEquals(new QuantizedMultiplier(1 << 30, -1), QuantizedMultiplier.of(0.25));
        assertEquals(new QuantizedMultiplier(1 << 30, -19), QuantizedMultiplier.of(Math.pow(2, -20)));
    }

    @Test void significandIsRoundedTo31Bits() {
        assertEquals(new QuantizedMultiplier(1610612736, 0), QuantizedMultiplier.of(0.75)); // 0.75 * 2^31
        // 0.3 = 0.6 * 2^-1; 0.6 * 2^31 = 1288490188.8 -> 1288490189
        assertEquals(new QuantizedMultiplier(1288490189, -1), QuantizedMultiplier.of(0.3));
    }

    @Test void significandRoundingUpTo2Pow31FoldsIntoTheShift() {
        // frexp gives 1 - 2^-40 with exponent 0; times 2^31 it rounds to 2^31, which becomes 2^30 * 2^1
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0 - Math.pow(2, -40)));
    }

    @Test void zeroAndTinyMultipliersFlushToZero() {
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0.0));
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(Math.pow(2, -40))); // shift -39 < -31
        assertEquals(new QuantizedMultiplier(1 << 30, -31), QuantizedMultiplier.of(Math.pow(2, -32)));
    }

    @Test void negativeMultipliersKeepTheirSign() {
        assertEquals(new QuantizedMultiplier(-(1 << 30), 0), QuantizedMultiplier.of(-0.5));
    }

    @Test void smallerThanOneAndGreaterThanOneCheckTheirRange() {
        assertEquals(new QuantizedMultiplier(1 << 30, -2), QuantizedMultiplier.smallerThanOne(0.125));
        assertThrows(CompileException.class, () -> QuantizedMultiplier.smallerThanOne(1.5));
        assertThrows(CompileException.class, () -> QuantizedMultiplier.smallerThanOne(0.0));
        assertEquals(new QuantizedMultiplier(1 << 30, 3), QuantizedMultiplier.greaterThanOne(4.0));
        assertThrows(CompileException.class, () -> QuantizedMultiplier.greaterThanOne(0.5));
    }

    @Test void frexpUncheckedDoesNotFoldTheRoundUp() {
        // as TFLM's logistic/tanh prepare: the 2^31 significand wraps to INT32_MIN, shift stays 0
        assertEquals(new QuantizedMultiplier(Integer.MIN_VALUE, 0), QuantizedMultiplier.frexpUnchecked(1.0 - Math.pow(2, -40)));
        assertEquals(new QuantizedMultiplier(1 << 30, 3), QuantizedMultiplier.frexpUnchecked(4.0));
    }

    @Test void roundingIsHalfAwayFromZero() {
        assertEquals(3.0, Rounding.round(2.5));
        assertEquals(-3.0, Rounding.round(-2.5));
        assertEquals(-2.0, Rounding.round(-2.4999));
        assertEquals(0.0, Rounding.round(0.49999999999999994));
        assertEquals(-1f, Rounding.round(-0.5f));
    }

    @Test void frexpMatchesC() {
        int[] e = new int[1];
        assertEquals(0.5, Rounding.frexp(1.0, e));
        assertEquals(1, e[0]);
        assertEquals(0.75, Rounding.frexp(6.0, e));
        assertEquals(3, e[0]);
        assertEquals(-0.5, Rounding.frexp(-0.125, e));
        assertEquals(-2, e[0]);
        assertEquals(0.5, Rounding.frexp(Double.MIN_VALUE, e)); // subnormal 2^-1074
        assertEquals(-1073, e[0]);
    }
}
