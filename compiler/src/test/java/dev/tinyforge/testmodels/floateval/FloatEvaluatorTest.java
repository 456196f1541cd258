package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Float kernels on small cases computed by hand. */
class FloatEvaluatorTest {

    private static TensorType f32(int... shape) { return new TensorType(ElementType.FLOAT32, shape); }

    private static float[] run(Graph g, float[]... inputs) {
        List<FloatTensor> ins = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.length; i++) ins.add(new FloatTensor(g.inputs().get(i).type().shape(), inputs[i]));
        return FloatEvaluator.run(g, ins).get(g.outputs().get(0)).data();
    }

    private static Graph single(OpKind kind, Attrs attrs, TensorType in, TensorType out, Value... extra) {
        Graph g = new Graph("t");
        Value x = g.addInput("x", in);
        Value y = g.newValue("y", out);
        List<Value> ins = new java.util.ArrayList<>(List.of(x));
        ins.addAll(java.util.Arrays.asList(extra));
        g.addNode("n", kind, attrs, ins, List.of(y));
        g.addOutput(y);
        return g;
    }

    private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test void convValidAndSame() {
        Graph g = new Graph("t");
        Value x = g.addInput("x", f32(1, 3, 3, 1));
        Value w = g.newConstant("w", Tensor.wrap(f32(1, 2, 2, 1), new float[] {1, 1, 1, 1}));
        Value y = g.newValue("y", f32(1, 2, 2, 1));
        g.addNode("c", OpKind.CONV_2D, new Attrs.Conv2D(new int[4], new int[] {1, 1}, new int[] {1, 1}, Activation.NONE),
                java.util.Arrays.asList(x, w, null), List.of(y));
        g.addOutput(y);
        assertArrayEquals(new float[] {12, 16, 24, 28}, run(g, ONE_TO_NINE)); // 2x2 window sums

        // SAME, stride 2, 2x2 ones: pads {0,0,1,1} -> windows at (0,0) and (0,2), (2,0), (2,2) with the pad.
        Graph s = new Graph("t");
        Value sx = s.addInput("x", f32(1, 3, 3, 1));
        Value sw = s.newConstant("w", Tensor.wrap(f32(1, 2, 2, 1), new float[] {1, 1, 1, 1}));
        Value sb = s.newConstant("b", Tensor.wrap(f32(1), new float[] {-20}));
        Value sy = s.newValue("y", f32(1, 2, 2, 1));
        s.addNode("c", OpKind.CONV_2D, new Attrs.Conv2D(new int[] {0, 0, 1, 1}, new int[] {2, 2}, new int[] {1, 1}, Activation.RELU),
                List.of(sx, sw, sb), List.of(sy));
        s.addOutput(sy);
        assertArrayEquals(new float[] {0, 0, 0, 0}, run(s, ONE_TO_NINE)); // 12-20, 3+6-20, 7+8-20, 9-20 all clamp to 0 by RELU
    }

    @Test void averagePoolIgnoresPaddedPositions() {
        Graph g = single(OpKind.AVERAGE_POOL_2D, new Attrs.Pool2D(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 1, 1},
                Activation.NONE), f32(1, 3, 3, 1), f32(1, 2, 2, 1));
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, run(g, ONE_TO_NINE));
    }

    @Test void reverseStridedSliceAndMean() {
        Graph g = single(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(new int[] {2, 2}, new int[] {-1, -2}, new int[] {3, 2}),
                f32(3, 3), f32(3, 2));
        assertArrayEquals(new float[] {9, 7, 6, 4, 3, 1}, run(g, ONE_TO_NINE));
        Graph m = single(OpKind.MEAN, new Attrs.Reduce(new int[] {0}, false), f32(3, 3), f32(3));
        assertArrayEquals(new float[] {4, 5, 6}, run(m, ONE_TO_NINE));
    }

    @Test void bilinearHalfPixelUpsampling() {
        // 1x1x2x1 {0, 4} -> width 4, half-pixel: x = 0.25*i... sources -0.25, 0.25, 0.75, 1.25 clamp to {0, 1, 3, 4}.
        Graph g = single(OpKind.RESIZE_BILINEAR, new Attrs.Resize(false, true), f32(1, 1, 2, 1), f32(1, 1, 4, 1));
        assertArrayEquals(new float[] {0, 1, 3, 4}, run(g, new float[] {0, 4}));
        Graph n = single(OpKind.RESIZE_NEAREST_NEIGHBOR, new Attrs.Resize(false, false), f32(1, 1, 2, 1), f32(1, 1, 4, 1));
        assertArrayEquals(new float[] {0, 0, 4, 4}, run(n, new float[] {0, 4}));
    }

    @Test void broadcastMulAndPrelu() {
        Graph g = new Graph("t");
        Value x = g.addInput("x", f32(1, 2, 2));
        Value c = g.newConstant("c", Tensor.wrap(f32(1, 1, 2), new float[] {10, -1}));
        Value y = g.newValue("y", f32(1, 2, 2));
        g.addNode("m", OpKind.MUL, new Attrs.Binary(Activation.NONE), List.of(x, c), List.of(y));
        Value z = g.newValue("z", f32(1, 2, 2));
        Value alpha = g.newConstant("alpha", Tensor.wrap(f32(1, 1, 2), new float[] {0.5f, 0.25f}));
        g.addNode("p", OpKind.PRELU, Attrs.None.INSTANCE, List.of(y, alpha), List.of(z));
        g.addOutput(z);
        assertArrayEquals(new float[] {10, -0.5f, 30, -1}, run(g, new float[] {1, 2, 3, 4}));
    }

    @Test void quantizedValuesAreRoundedToTheirGrid() {
        TensorType q = new TensorType(ElementType.INT8, new int[] {4}, Quant.perTensor(0.25f, 0));
        Graph g = single(OpKind.RELU, Attrs.None.INSTANCE, q, q);
        // Inputs round to the grid first (0.3 -> 0.25, 40 clamps to 127 * 0.25), RELU keeps them.
        assertArrayEquals(new float[] {0.25f, 0, 31.75f, 1}, run(g, new float[] {0.3f, -5, 40, 0.9f}));
    }

    @Test void softmaxAndLogSoftmax() {
        Graph g = single(OpKind.SOFTMAX, new Attrs.Softmax(1f), f32(1, 2), f32(1, 2));
        float[] p = run(g, new float[] {0, (float) Math.log(3)});
        assertArrayEquals(new float[] {0.25f, 0.75f}, p, 1e-6f);
        Graph l = single(OpKind.LOG_SOFTMAX, Attrs.None.INSTANCE, f32(1, 2), f32(1, 2));
        assertArrayEquals(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, run(l, new float[] {0, (float) Math.log(3)}), 1e-6f);
    }
}
