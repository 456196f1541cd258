package dev.tinyforge.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.backend.c.RuntimeLibrary;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.quant.Rounding;
import dev.tinyforge.quant.SigmoidTable;
import dev.tinyforge.quant.params.LogisticTanhInt16Params;

/**
 * Int16 LOGISTIC and TANH (TFLM's sigmoid-table kernels). TFLM's own tests (tensorflow/tflite-micro
 * tensorflow/lite/micro/kernels/tanh_test.cc TestTanhInt16WideRange and logistic_test.cc
 * LogisticQuantizedInt16ShouldMatchGolden) feed 177 points evenly spaced over [-20, 20] with input scale
 * 32/65536 and output scale 2/65536 and accept 16 output steps from the quantized real function; we apply
 * the same check (computing the real function instead of copying its table), over all 65536 inputs too,
 * plus exact points worked by hand through the kernel.
 */
class LogisticTanhInt16Test {
    static final Quant IN = Quant.perTensor(32f / 65536f, 0), OUT = Quant.perTensor(2f / 65536f, 0);

    static short[] run(OpKind kind, Quant inQ, short... x) {
        TensorType t = new TensorType(ElementType.INT16, new int[] {x.length}, inQ);
        return OneOp.run(kind, Attrs.None.INSTANCE, new TensorType(ElementType.INT16, new int[] {x.length}, OUT),
                Tensor.wrap(t, x)).int16();
    }

    static void withinTflmTolerance(OpKind kind, java.util.function.DoubleUnaryOperator f, short[] x) {
        short[] y = run(kind, IN, x);
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            long want = Math.max(-32768, Math.min(32767, (long) Rounding.round(f.applyAsDouble(x[i] * (double) IN.scale()) / OUT.scale())));
            worst = (int) Math.max(worst, Math.abs(y[i] - want));
        }
        assertTrue(worst <= 16, kind + ": worst difference " + worst + " output steps (TFLM accepts 16)");
    }

    static short[] tflmWideRangeInputs() {
        short[] x = new short[177];
        for (int k = 0; k < x.length; k++) {
            float v = (float) (-20.0 + 40.0 * k / 176);
            x[k] = (short) Math.max(-32768, Math.min(32767, (long) Rounding.round(v / IN.scale())));
        }
        return x;
    }

    static short[] allInputs() {
        short[] x = new short[65536];
        for (int i = 0; i < x.length; i++) x[i] = (short) (i - 32768);
        return x;
    }

    @Test void tanhMatchesTflmsWideRangeTestAndEveryInput() {
        withinTflmTolerance(OpKind.TANH, Math::tanh, tflmWideRangeInputs());
        withinTflmTolerance(OpKind.TANH, Math::tanh, allInputs());
    }

    @Test void logisticMatchesTflmsTestAndEveryInput() {
        withinTflmTolerance(OpKind.LOGISTIC, v -> 1 / (1 + Math.exp(-v)), tflmWideRangeInputs());
        withinTflmTolerance(OpKind.LOGISTIC, v -> 1 / (1 + Math.exp(-v)), allInputs());
    }

    @Test void exactPointsWorkedThroughTheKernel() {
        // tanh: 0 -> table[0] << 8 - 2^23 + 2^7 = 128 -> >> 8 = 0; saturation -> (0xFFFF << 8) - 2^23 + 2^7 >> 8 = 32767
        // and the mirrored -(0xFFFF << 8) + 2^23 + 127 = -8388225, >> 8 (flooring) = -32767
        assertArrayEquals(new short[] {0, 32767, -32767}, run(OpKind.TANH, IN, (short) 0, (short) 32767, (short) -32768));
        // logistic: 0 -> (32768 << 9) + 2^9 >> 10 = 16384 (0.5); saturation 0x7FFF << 10 + 2^9 >> 10 = 32767, mirrored 1
        assertArrayEquals(new short[] {16384, 32767, 1}, run(OpKind.LOGISTIC, IN, (short) 0, (short) 32767, (short) -32768));
    }

    @Test void preparedParametersFollowTflm() {
        // scale 2^-11: log2 shift 12 - 11 = 1: a power of two for TANH (shift 0 or 1), not for LOGISTIC (shift 0 only),
        // which instead doubles 2^-11 * 4096 * 3 = 6 up to 24576 (12 doublings)
        TensorType t = new TensorType(ElementType.INT16, new int[] {1}, IN);
        TensorType o = new TensorType(ElementType.INT16, new int[] {1}, OUT);
        assertEquals(new LogisticTanhInt16Params(0, 1), LogisticTanhInt16Params.prepare(
                OneOp.node(OpKind.TANH, Attrs.None.INSTANCE, java.util.List.of(o), Tensor.zeros(t))));
        assertEquals(new LogisticTanhInt16Params(24576, 12), LogisticTanhInt16Params.prepare(
                OneOp.node(OpKind.LOGISTIC, Attrs.None.INSTANCE, java.util.List.of(o), Tensor.zeros(t))));
        TensorType badOut = new TensorType(ElementType.INT16, new int[] {1}, Quant.perTensor(1f / 1000, 0));
        assertThrows(CompileException.class, () -> LogisticTanhInt16Params.prepare(
                OneOp.node(OpKind.TANH, Attrs.None.INSTANCE, java.util.List.of(badOut), Tensor.zeros(t))));
    }

    @Test void theCRuntimeCarriesTheSameSigmoidTable() {
        String c = RuntimeLibrary.get().content("src/common/sigmoid_table_u16.c");
        Matcher m = Pattern.compile("\\{([^}]*)\\}").matcher(c);
        assertTrue(m.find());
        String[] parts = m.group(1).trim().split("\\s*,\\s*");
        assertEquals(SigmoidTable.size(), parts.length - (parts[parts.length - 1].isEmpty() ? 1 : 0));
        for (int i = 0; i < SigmoidTable.size(); i++) assertEquals(SigmoidTable.get(i), Integer.parseInt(parts[i].trim()), "entry " + i);
    }
}
