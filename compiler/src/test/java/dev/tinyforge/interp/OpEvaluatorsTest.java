package dev.tinyforge.interp;

import static dev.tinyforge.interp.OneOp.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

/**
 * Evaluators of ops the golden models do not exercise, on small hand-built graphs with expected values
 * worked out by hand from TFLite's kernel definitions.
 */
class OpEvaluatorsTest {
    private static final Quant UNIT = q(1f, 0);

    @Test void maxPoolTakesTheWindowMaximumAndSkipsPadding() {
        TensorType in = i8(UNIT, 1, 3, 3, 1);
        Tensor x = int8(in, 1, -5, 3, 7, 2, -8, 0, 4, 6);
        // 2x2 filter, stride 2, pad bottom/right by 1: windows {1,-5,7,2} {3,-8} {0,4} {6}
        Tensor y = run(OpKind.MAX_POOL_2D, new Attrs.Pool2D(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 1, 1}, Activation.NONE),
                i8(UNIT, 1, 2, 2, 1), x);
        assertArrayEquals(new int[] {7, 3, 4, 6}, ints(y));
    }

    @Test void averagePoolRoundsHalfAwayFromZero() {
        TensorType in = i8(UNIT, 1, 1, 4, 1);
        Tensor x = int8(in, 1, 2, -1, -2);
        Tensor y = run(OpKind.AVERAGE_POOL_2D, new Attrs.Pool2D(new int[] {1, 2}, new int[] {1, 2}, new int[] {0, 0, 0, 0}, Activation.NONE),
                i8(UNIT, 1, 1, 2, 1), x);
        assertArrayEquals(new int[] {2, -2}, ints(y)); // 1.5 -> 2, -1.5 -> -2
    }

    @Test void concatenationSplitPackUnpackMoveBlocks() {
        TensorType t = i8(UNIT, 2, 2);
        Tensor a = int8(t, 1, 2, 3, 4), b = int8(t, 5, 6, 7, 8);
        assertArrayEquals(new int[] {1, 2, 5, 6, 3, 4, 7, 8},
                ints(run(OpKind.CONCATENATION, new Attrs.Concat(1, Activation.NONE), i8(UNIT, 2, 4), a, b)));
        List<Tensor> parts = runAll(OpKind.SPLIT, new Attrs.Split(1, new int[] {1, 1}), List.of(i8(UNIT, 2, 1), i8(UNIT, 2, 1)), a);
        assertArrayEquals(new int[] {1, 3}, ints(parts.get(0)));
        assertArrayEquals(new int[] {2, 4}, ints(parts.get(1)));
        assertArrayEquals(new int[] {1, 2, 5, 6, 3, 4, 7, 8}, ints(run(OpKind.PACK, new Attrs.Axis(1), i8(UNIT, 2, 2, 2), a, b)));
        List<Tensor> cols = runAll(OpKind.UNPACK, new Attrs.Axis(1), List.of(i8(UNIT, 2), i8(UNIT, 2)), a);
        assertArrayEquals(new int[] {1, 3}, ints(cols.get(0)));
        assertArrayEquals(new int[] {2, 4}, ints(cols.get(1)));
    }

    @Test void transposeAndStridedSliceIndexCorrectly() {
        Tensor a = int8(i8(UNIT, 2, 3), 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, ints(run(OpKind.TRANSPOSE, new Attrs.Transpose(new int[] {1, 0}), i8(UNIT, 3, 2), a)));
        // rows 1.., columns 0 and 2
        assertArrayEquals(new int[] {4, 6}, ints(run(OpKind.STRIDED_SLICE,
                new Attrs.StridedSlice(new int[] {1, 0}, new int[] {1, 2}, new int[] {1, 2}), i8(UNIT, 1, 2), a)));
    }


    @Test void padFillsWithTheStorageValue() {
        Tensor a = int8(i8(UNIT, 2, 3), 1, 2, 3, 4, 5, 6);
        Tensor y = run(OpKind.PAD, new Attrs.Pad(new int[] {1, 0, 1, 1}, -3), i8(UNIT, 3, 5), a);
        assertArrayEquals(new int[] {-3, -3, -3, -3, -3, -3, 1, 2, 3, -3, -3, 4, 5, 6, -3}, ints(y));
    }

    @Test void quantizedSubtractionAndBroadcastMultiplication() {
        Quant s = q(0.5f, 0);
        Tensor a = int8(i8(s, 1, 3), 10, -4, 100), b = int8(i8(s, 1, 3), 4, 4, -100);
        // equal scales: out = a - b in the same scale, clamped
        assertArrayEquals(new int[] {6, -8, 127}, ints(run(OpKind.SUB, new Attrs.Binary(Activation.NONE), i8(s, 1, 3), a, b)));
        // scale 1 * scale 1 / 1: plain products, b broadcast along the row
        Tensor c = int8(i8(UNIT, 2, 2), 1, -2, 3, 4), d = int8(i8(UNIT, 1, 2), 5, -6);
        assertArrayEquals(new int[] {5, 12, 15, -24}, ints(run(OpKind.MUL, new Attrs.Binary(Activation.NONE), i8(UNIT, 2, 2), c, d)));
        assertArrayEquals(new int[] {5, 12, 15, 0}, ints(run(OpKind.MUL, new Attrs.Binary(Activation.RELU), i8(UNIT, 2, 2), c, d)));
    }

    @Test void maximumMinimumBroadcast() {
        Tensor a = int8(i8(UNIT, 2, 2), 1, -2, 3, 4), b = int8(i8(UNIT, 1, 1), 2);
        assertArrayEquals(new int[] {2, 2, 3, 4}, ints(run(OpKind.MAXIMUM, Attrs.None.INSTANCE, i8(UNIT, 2, 2), a, b)));
        assertArrayEquals(new int[] {1, -2, 2, 2}, ints(run(OpKind.MINIMUM, Attrs.None.INSTANCE, i8(UNIT, 2, 2), a, b)));
    }

    @Test void reluFamilyOnInt8() {
        Quant s = q(0.1f, -10);
        Tensor x = int8(i8(s, 4), -128, -10, 0, 127);
        // RELU, equal quant: identity requantization, clamped at the zero point
        assertArrayEquals(new int[] {-10, -10, 0, 127}, ints(run(OpKind.RELU, Attrs.None.INSTANCE, i8(s, 4), x)));
        // RELU6: raw clamp to [zp, zp + 60]
        assertArrayEquals(new int[] {-10, -10, 0, 50}, ints(run(OpKind.RELU6, Attrs.None.INSTANCE, i8(s, 4), x)));
        // RELU to a coarser output (scale 0.2, zp -128): (q + 10) * 0.5 - 128
        assertArrayEquals(new int[] {-128, -128, -123, -59}, ints(run(OpKind.RELU, Attrs.None.INSTANCE, i8(q(0.2f, -128), 4), x)));
    }

    @Test void leakyReluAndPrelu() {
        Tensor f = float32(f32(3), -2f, 0f, 3f);
        assertArrayEquals(new float[] {-0.5f, 0f, 3f}, run(OpKind.LEAKY_RELU, new Attrs.LeakyRelu(0.25f), f32(3), f).float32());
        // int8, unit scales, alpha 0.25: negative x -> x * 0.25 rounded by MultiplyByQuantizedMultiplier
        Tensor x = int8(i8(UNIT, 4), -8, -6, 0, 9);
        assertArrayEquals(new int[] {-2, -2, 0, 9}, ints(run(OpKind.LEAKY_RELU, new Attrs.LeakyRelu(0.25f), i8(UNIT, 4), x)));
        // PRELU: alpha 1 with scale 0.5 (= 0.5) per channel [1, 2] = 0.5 and 1.0
        Tensor alpha = int8(i8(q(0.5f, 0), 2), 1, 2);
        Tensor p = int8(i8(UNIT, 2, 2), -4, -4, 3, -3);
        assertArrayEquals(new int[] {-2, -4, 3, -3}, ints(run(OpKind.PRELU, Attrs.None.INSTANCE, i8(UNIT, 2, 2), p, alpha)));
    }

    @Test void logisticTanhAndSoftmaxAtExactPoints() {
        Tensor x = int8(i8(q(1f / 16, 0), 3), 0, 127, -128);
        // logistic(0) = 0.5 -> 128 - 128 = 0; 7.94 -> 0.99964 * 256 saturates at 127; -8 -> 0.000335 * 256 -> -128
        assertArrayEquals(new int[] {0, 127, -128}, ints(run(OpKind.LOGISTIC, Attrs.None.INSTANCE, i8(q(1f / 256, -128), 3), x)));
        // tanh(0) = 0; tanh(7.94) * 128 saturates at 127; tanh(-8) * 128 -> -128
        assertArrayEquals(new int[] {0, 127, -128}, ints(run(OpKind.TANH, Attrs.None.INSTANCE, i8(q(1f / 128, 0), 3), x)));
        // two equal logits: 0.5 each -> 128 - 128 = 0
        Tensor s = int8(i8(q(0.1f, 0), 1, 2), 5, 5);
        assertArrayEquals(new int[] {0, 0}, ints(run(OpKind.SOFTMAX, new Attrs.Softmax(1f), i8(q(1f / 256, -128), 1, 2), s)));
    }

    @Test void logisticAndTanhStayWithinOneStepOfTheRealFunction() {
        int[] all = new int[256];
        for (int i = 0; i < 256; i++) all[i] = i - 128;
        Quant in = q(0.05f, 3);
        Tensor x = int8(i8(in, 256), all);
        int[] lg = ints(run(OpKind.LOGISTIC, Attrs.None.INSTANCE, i8(q(1f / 256, -128), 256), x));
        int[] th = ints(run(OpKind.TANH, Attrs.None.INSTANCE, i8(q(1f / 128, 0), 256), x));
        for (int i = 0; i < 256; i++) {
            double r = 0.05 * (all[i] - 3);
            assertTrue(Math.abs(lg[i] - Math.min(127, 256 / (1 + Math.exp(-r)) - 128)) <= 1, "logistic " + r);
            assertTrue(Math.abs(th[i] - Math.max(-128, Math.min(127, 128 * Math.tanh(r)))) <= 1, "tanh " + r);
        }
    }

    @Test void hardSwishFloatAndInt8() {
        assertArrayEquals(new float[] {0f, -1f / 3f, 2f / 3f, 4f},
                run(OpKind.HARD_SWISH, Attrs.None.INSTANCE, f32(4), float32(f32(4), -4f, -1f, 1f, 4f)).float32(), 1e-6f);
        int[] all = new int[256];
        for (int i = 0; i < 256; i++) all[i] = i - 128;
        int[] y = ints(run(OpKind.HARD_SWISH, Attrs.None.INSTANCE, i8(q(0.05f, -20), 256), int8(i8(q(0.04f, 0), 256), all)));
        for (int i = 0; i < 256; i++) {
            double r = 0.04 * all[i], hs = r * Math.min(6, Math.max(0, r + 3)) / 6;
            assertTrue(Math.abs(y[i] - Math.max(-128, Math.min(127, hs / 0.05 - 20))) <= 1, "hard_swish " + r + ": " + y[i]);
        }
    }

    @Test void quantizeRoundsHalfAwayAndDequantizeUsesDouble() {
        Tensor f = float32(f32(4), 0.25f, -0.25f, 0.75f, 100f);
        // x / 0.5 = 0.5, -0.5, 1.5, 200 -> 1, -1, 2, 200; + 3; clamped
        assertArrayEquals(new int[] {4, 2, 5, 127}, ints(run(OpKind.QUANTIZE, Attrs.None.INSTANCE, i8(q(0.5f, 3), 4), f)));
        Tensor qv = int8(i8(q(0.5f, 3), 2), 5, -1);
        assertArrayEquals(new float[] {1f, -2f}, run(OpKind.DEQUANTIZE, Attrs.None.INSTANCE, f32(2), qv).float32());
        // int8 -> int8 with half the scale: (q - 3) * 2 + 1
        assertArrayEquals(new int[] {5, -7}, ints(run(OpKind.QUANTIZE, Attrs.None.INSTANCE, i8(q(0.25f, 1), 2), qv)));
    }

    @Test void resizeNearestAndBilinear() {
        Tensor x = int8(i8(UNIT, 1, 1, 2, 1), 10, 20);
        assertArrayEquals(new int[] {10, 10, 20, 20},
                ints(run(OpKind.RESIZE_NEAREST_NEIGHBOR, new Attrs.Resize(false, false), i8(UNIT, 1, 1, 4, 1), x)));
        Tensor f = float32(f32(1, 1, 2, 1), 0f, 1f);
        // scale 0.5: positions 0, 0.5, 1, 1.5 (upper neighbour clamped to 1)
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1f},
                run(OpKind.RESIZE_BILINEAR, new Attrs.Resize(false, false), f32(1, 1, 4, 1), f).float32());
        // int8 bilinear: the same positions in 10-bit fixed point, rounded: 10, 15, 20, 20
        assertArrayEquals(new int[] {10, 15, 20, 20},
                ints(run(OpKind.RESIZE_BILINEAR, new Attrs.Resize(false, false), i8(UNIT, 1, 1, 4, 1), x)));
    }

    @Test void floatSoftmaxLogSoftmaxAndDiv() {
        Tensor x = float32(f32(1, 2), 1f, 1f);
        assertArrayEquals(new float[] {0.5f, 0.5f}, run(OpKind.SOFTMAX, new Attrs.Softmax(1f), f32(1, 2), x).float32());
        assertArrayEquals(new float[] {(float) -Math.log(2), (float) -Math.log(2)},
                run(OpKind.LOG_SOFTMAX, Attrs.None.INSTANCE, f32(1, 2), x).float32(), 1e-7f);
        Tensor d = float32(f32(1, 2), 3f, -4f);
        assertArrayEquals(new float[] {1.5f, -2f}, run(OpKind.DIV, new Attrs.Binary(Activation.NONE), f32(1, 2), d,
                float32(f32(1), 2f)).float32());
    }

    @Test void groupedAndDilatedFloatConvolution() {
        // 1x1x4x2 input, 2 groups of 1 input channel each: filter O=2, 1x2, I=1, dilation 2 in w
        Tensor x = float32(f32(1, 1, 4, 2), 1, 10, 2, 20, 3, 30, 4, 40);
        Tensor w = float32(f32(2, 1, 2, 1), 1, 1, 1, -1);
        Tensor y = run(OpKind.CONV_2D, new Attrs.Conv2D(new int[] {0, 0, 0, 0}, new int[] {1, 1}, new int[] {1, 2}, Activation.NONE),
                f32(1, 1, 2, 2), x, w, null);
        // out x=0: ch0 = x[0].c0 + x[2].c0 = 1 + 3; ch1 = x[0].c1 - x[2].c1 = 10 - 30
        assertArrayEquals(new float[] {4f, -20f, 6f, -20f}, y.float32());
    }

    @Test void svdfFloatOneStepFromZeroState() {
        // feature: [1 2] . [3 4] = 11 goes into the newest state column; time: 0.5 * 0 + 2 * 11 = 22; + bias 1
        Tensor x = float32(f32(1, 2), 3f, 4f);
        Tensor y = run(OpKind.SVDF, new Attrs.Svdf(1, Activation.NONE), f32(1, 1), x,
                float32(f32(1, 2), 1f, 2f), float32(f32(1, 2), 0.5f, 2f), float32(f32(1), 1f), float32(f32(1, 2), 0f, 0f));
        assertArrayEquals(new float[] {23f}, y.float32());
    }

    @Test void svdfInt8OneStepFromZeroState() {
        // unit scales except the state (0.5): feature 11 / 0.5 = 22 stored; time 0 * 0 + 2 * 22 = 44, + bias 2
        // (both in scale 0.5 * 1) = 46, times 0.5 / 1 = 23
        Tensor x = int8(i8(UNIT, 1, 2), 3, 4);
        Tensor y = run(OpKind.SVDF, new Attrs.Svdf(1, Activation.NONE), i8(UNIT, 1, 1), x,
                int8(i8(UNIT, 1, 2), 1, 2), int8(i8(UNIT, 1, 2), 0, 2),
                Tensor.wrap(new TensorType(dev.tinyforge.ir.ElementType.INT32, new int[] {1}, q(0.5f, 0)), new int[] {2}),
                int8(i8(q(0.5f, 0), 1, 2), 0, 0));
        assertArrayEquals(new int[] {23}, ints(y));
    }
}
