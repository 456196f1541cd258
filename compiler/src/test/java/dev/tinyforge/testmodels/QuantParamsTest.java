package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Quant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed quantization parameters. */
class QuantParamsTest {

    @Test void unitRangeGivesScaleOneOver255AndZeroPointMinus128() {
        Quant q = QuantParams.asymmetric(0, 1);
        assertEquals(1f / 255, q.scale(), 1e-9);
        assertEquals(-128, q.zeroPoint());
    }

    @Test void rangeAlwaysContainsZero() {
        Quant q = QuantParams.asymmetric(0.5, 2.55); // widened to [0, 2.55]: scale 0.01, real 0 at -128
        assertEquals(0.01f, q.scale(), 1e-7);
        assertEquals(-128, q.zeroPoint());
        Quant neg = QuantParams.asymmetric(-2.55, -1); // [-2.55, 0]: real 0 at 127
        assertEquals(127, neg.zeroPoint());
    }

    @Test void symmetricAroundZeroPutsZeroPointNearZero() {
        Quant q = QuantParams.asymmetric(-1.28, 1.27); // scale 0.01, zero point -128 + 128 = 0
        assertEquals(0.01f, q.scale(), 1e-7);
        assertEquals(0, q.zeroPoint());
    }

    @Test void constantZeroTensorStillGetsAPositiveScale() {
        assertTrue(QuantParams.asymmetric(0, 0).scale() > 0);
    }

    @Test void perChannelSymmetricScalesUseEachChannelsLargestMagnitude() {
        float[] w = {1f, -2f, 0.5f, 0.25f}; // [2, 2], channel = row
        Quant q = QuantParams.symmetric(w, new int[] {2, 2}, 0);
        assertArrayEquals(new float[] {2f / 127, 0.5f / 127}, q.scales(), 1e-9f);
        assertArrayEquals(new int[] {0, 0}, q.zeroPoints());
        Quant last = QuantParams.symmetric(w, new int[] {2, 2}, 1); // channel = column
        assertArrayEquals(new float[] {1f / 127, 2f / 127}, last.scales(), 1e-9f);
        Quant whole = QuantParams.symmetric(w, new int[] {2, 2}, -1);
        assertArrayEquals(new float[] {2f / 127}, whole.scales(), 1e-9f);
    }

    @Test void quantizeRoundsAndClamps() {
        assertEquals(3, QuantParams.quantize(0.3, 0.1f, 0, -128, 127));
        assertEquals(-125, QuantParams.quantize(0.3, 0.1f, -128, -128, 127));
        assertEquals(127, QuantParams.quantize(100, 0.1f, 0, -128, 127));
        assertEquals(-127, QuantParams.quantize(-100, 0.1f, 0, -127, 127));
    }
}
