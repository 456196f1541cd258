package dev.tinyforge.interp;

import static dev.tinyforge.interp.OneOp.i8;
import static dev.tinyforge.interp.OneOp.ints;
import static dev.tinyforge.interp.OneOp.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.quant.params.LogSoftmaxParams;

/**
 * Int8 LOG_SOFTMAX against TFLM's own unit test vectors (tensorflow/tflite-micro
 * tensorflow/lite/micro/kernels/log_softmax_test.cc, QuantizedActivationsOpTestLogSoftmaxInt8 and
 * ExtraTestLogSoftmaxInt8). The inputs are quantized as that test's helpers do (ScaleFromMinMax,
 * ZeroPointFromMinMax, round-half-away Quantize); the expected int8 outputs are the test's kExpectQuantized.
 */
class LogSoftmaxInt8Test {
    static final Quant OUT = q(16f / 256, 127);

    /** TFLM test_helpers.h ScaleFromMinMax / ZeroPointFromMinMax for int8, in float as there. */
    static Quant fromMinMax(float min, float max) {
        float scale = (max - min) / (float) (127.0 - (-128));
        int zp = -128 + (int) (-min / scale + 0.5f);
        return q(scale, zp);
    }

    static Tensor quantize(TensorType t, float... x) {
        Tensor r = Tensor.zeros(t);
        for (int i = 0; i < x.length; i++)
            r.int8()[i] = (byte) Math.max(-128, Math.min(127, (int) dev.tinyforge.quant.Rounding.round(x[i] / t.quant().scale()) + t.quant().zeroPoint()));
        return r;
    }

    static int[] run(Quant inQ, int rows, int depth, float... x) {
        Tensor in = quantize(i8(inQ, rows, depth), x);
        return ints(OneOp.run(OpKind.LOG_SOFTMAX, Attrs.None.INSTANCE, i8(OUT, rows, depth), in));
    }

    @Test void tflmQuantizedActivationsOpTestLogSoftmaxInt8() {
        int[] got = run(fromMinMax(-10, 10), 2, 4, 0, -6, 2, 4, 3, -2, 10, 1);
        assertArrayEquals(new int[] {61, -36, 93, 125, 15, -65, 127, -16}, got);
    }

    @Test void tflmExtraTestLogSoftmaxInt8() {
        assertArrayEquals(new int[] {127, 127, 127}, run(fromMinMax(-1, 1), 3, 1, 0, -1, 1));
    }

    @Test void preparedParametersFollowPreprocessLogSoftmaxScalingExp() {
        // input scale 20/255: multiplier of 20/255 * 2^26 = 5263421.4 -> 0.627... * 2^23
        Tensor in = quantize(i8(fromMinMax(-10, 10), 1, 2), 0, 0);
        LogSoftmaxParams p = LogSoftmaxParams.prepare(OneOp.node(OpKind.LOG_SOFTMAX, Attrs.None.INSTANCE,
                java.util.List.of(i8(OUT, 1, 2)), in));
        assertEquals(23, p.inputLeftShift());
        double real = p.inputMultiplier() * Math.pow(2, p.inputLeftShift() - 31);
        assertEquals((20.0f / 255.0f) * (double) (1 << 26), real, 1e-2);
        // the divisor is the inverse: divisor * 2^-rshift * real = 2^31 / 2^31 ~ 1 (in Q0.31 units of 2^-31)
        double divisor = p.reverseScalingDivisor() * Math.pow(2, -p.reverseScalingRightShift() - 31);
        assertEquals(1.0, divisor * real, 1e-6);
        assertEquals(-31 * (1 << 26) / (1 << 23) * 1.0, p.diffMin(), 1.0);
    }

    @Test void outputQuantizationOtherThanTflmsIsRejected() {
        Tensor in = quantize(i8(q(0.1f, 0), 1, 2), 0, 0);
        assertThrows(CompileException.class, () -> OneOp.run(OpKind.LOG_SOFTMAX, Attrs.None.INSTANCE,
                i8(q(1f / 256, -128), 1, 2), in));
    }
}
