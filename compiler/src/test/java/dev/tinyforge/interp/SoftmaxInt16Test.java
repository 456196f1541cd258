package dev.tinyforge.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.quant.Int16Lut;
import dev.tinyforge.quant.Rounding;

/**
 * Int16 SOFTMAX (TFLite's SoftmaxInt16 with TFLM's lookup tables) against TFLM's own unit tests
 * (tensorflow/tflite-micro tensorflow/lite/micro/kernels/softmax_test.cc, Softmax{1D,2D,3D}QuantizedInt16
 * ShouldMatchGolden): input scale 0.1, output scale 1/32768, tolerance 1 output step for 1D and 2D and
 * tolerance_int16 = 7 for 3D. The goldens are the real softmax of the test inputs (computed here in double
 * rather than copied), quantized as the test does.
 */
class SoftmaxInt16Test {
    static final Quant IN = Quant.perTensor(0.1f, 0), OUT = Quant.perTensor(1f / 32768, 0);

    /** softmax_test.cc input_data_3d: 12 rows of 5. */
    static final float[] INPUT_3D = {
        3, 6, -5, 4, -9, -10, -10, -8, 2, 2, 8, -5, -8, 5, -6, -8, 6, 1, -10, -8,
        7, 6, -10, -4, -5, 2, 7, 9, -9, 7, -4, -2, 8, 2, 2, 3, 6, 6, 2, 4,
        9, 7, -7, 0, 4, -3, 8, 8, -3, -4, -9, -9, 4, -8, -1, -10, -2, 6, -7, 0,
    };

    static void check(float[] x, int depth, int tolerance) {
        int rows = x.length / depth;
        TensorType t = new TensorType(ElementType.INT16, new int[] {rows, depth}, IN);
        Tensor in = Tensor.zeros(t);
        for (int i = 0; i < x.length; i++) in.int16()[i] = (short) Rounding.round(x[i] / IN.scale());
        short[] y = OneOp.run(OpKind.SOFTMAX, new Attrs.Softmax(1f), new TensorType(ElementType.INT16, new int[] {rows, depth}, OUT), in).int16();
        int worst = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < depth; c++) sum += Math.exp(x[r * depth + c]);
            for (int c = 0; c < depth; c++) {
                long want = Math.min(32767, (long) Rounding.round((float) (Math.exp(x[r * depth + c]) / sum) / OUT.scale()));
                worst = (int) Math.max(worst, Math.abs(y[r * depth + c] - want));
            }
        }
        assertTrue(worst <= tolerance, "worst difference " + worst + " steps, TFLM's test allows " + tolerance);
    }

    @Test void tflm1D() { check(new float[] {1, 2, 3, 4, 5}, 5, 1); }

    @Test void tflm2D() { check(new float[] {1, 2, 3, 4, 5, -1, -2, -3, -4, -5}, 5, 1); }

    @Test void tflm3D() { check(INPUT_3D, 5, 7); }

    @Test void tablesHaveTflmsShapeAndEndpoints() {
        short[] exp = Int16Lut.softmaxExp(), recip = Int16Lut.softmaxOneOverOnePlusX();
        assertEquals(513, exp.length);
        // exp(0) = 1.0 in Q0.15 saturates at 32767. Entry 0: sample round(exp(-10) * 32768 = 1.488) = 1, the
        // segment's interpolated midpoint round((1.517 + 1) / 2) = 1 against the true midpoint round(1.503) = 2:
        // error -1, bias round(-0.5) = -1 (half away from zero), so the entry is 1 - (-1) = 2
        assertEquals(32767, exp[512]);
        assertEquals(2, exp[0]);
        // 1 / (1 + 0) = 1 -> 32767 (saturated); 1 / (1 + 1) = 0.5 -> 16384
        assertEquals(32767, recip[0]);
        assertEquals(16384, recip[512]);
        // a lookup at the table's end point: value 32767 is segment 511 with offset 127
        assertEquals(exp[511] + (((exp[512] - exp[511]) * 127 + 64) >> 7), Int16Lut.lookup((short) 32767, exp));
    }

    @Test void outputQuantizationMustBeTflms() {
        TensorType t = new TensorType(ElementType.INT16, new int[] {1, 3}, IN);
        assertThrows(CompileException.class, () -> OneOp.run(OpKind.SOFTMAX, new Attrs.Softmax(1f),
                new TensorType(ElementType.INT16, new int[] {1, 3}, Quant.perTensor(1f / 256, 0)), Tensor.zeros(t)));
    }
}
