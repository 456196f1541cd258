package dev.tinyforge.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Quant;

/** CalculateActivationRangeQuantized worked by hand: zp + roundf(bound / scale), intersected with the type. */
class ActivationRangeTest {

    @Test void reluFamilyOnInt8() {
        Quant q = Quant.perTensor(0.05f, 10);
        assertEquals(new ActivationRange(-128, 127), ActivationRange.of(Activation.NONE, q, ElementType.INT8));
        assertEquals(new ActivationRange(10, 127), ActivationRange.of(Activation.RELU, q, ElementType.INT8));
        // 6 / 0.05 = 120 -> 130, above 127
        assertEquals(new ActivationRange(10, 127), ActivationRange.of(Activation.RELU6, q, ElementType.INT8));
        // -1 / 0.05 = -20 -> -10; 1 / 0.05 = 20 -> 30
        assertEquals(new ActivationRange(-10, 30), ActivationRange.of(Activation.RELU_N1_TO_1, q, ElementType.INT8));
        // scale 0.1, zp -128: 6 / 0.1 = 60 -> -68
        assertEquals(new ActivationRange(-128, -68), ActivationRange.of(Activation.RELU6, Quant.perTensor(0.1f, -128), ElementType.INT8));
    }

    @Test void boundsOutsideTheTypeAreClipped() {
        assertEquals(new ActivationRange(0, 32767), ActivationRange.of(Activation.RELU, Quant.perTensor(0.001f, 0), ElementType.INT16));
        assertEquals(new ActivationRange(-128, 127), ActivationRange.of(Activation.RELU, Quant.perTensor(1f, -200), ElementType.INT8));
    }

    @Test void floatRanges() {
        assertEquals(6f, FloatActivationRange.of(Activation.RELU6).apply(7.5f));
        assertEquals(0f, FloatActivationRange.of(Activation.RELU).apply(-3f));
        assertEquals(-1f, FloatActivationRange.of(Activation.RELU_N1_TO_1).apply(-3f));
        assertEquals(-3f, FloatActivationRange.of(Activation.NONE).apply(-3f));
    }
}
