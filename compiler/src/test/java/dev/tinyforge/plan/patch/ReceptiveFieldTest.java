package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Receptive fields checked by hand: out [o0,o1) reads in [o0*s - p, (o1-1)*s - p + (k-1)*d + 1). */
class ReceptiveFieldTest {

    private static final Quant Q = Quant.perTensor(0.05f, 0);

    private static TensorType map(int h, int w, int c) {
        return new TensorType(ElementType.INT8, new int[] {1, h, w, c}, Q);
    }

    private static Value conv(Graph g, String name, Value x, int k, int stride, int dilation, int[] pads, int outH, int outW) {
        Value w = g.newConstant(name + "_w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {2, k, k, x.type().dim(3)}, Q)));
        Value y = g.newValue(name, map(outH, outW, 2));
        g.addNode(name, OpKind.CONV_2D, new Attrs.Conv2D(pads, new int[] {stride, stride}, new int[] {dilation, dilation},
                Activation.NONE), Arrays.asList(x, w, null), List.of(y));
        return y;
    }

    private static void assertWindow(InputWindow w, int r0, int c0, int r1, int c1, int... pads) {
        assertEquals(new Region(r0, c0, r1, c1), w.region());
        assertArrayEquals(pads, w.pads());
    }

    /** TF SAME 3x3 stride 2 on an even 8x8 map pads 0 on top/left and 1 on bottom/right. */
    @Test
    void stride2SameOnlyBottomRightPatchTouchesThePadding() {
        Graph g = new Graph("s2");
        Value x = g.addInput("x", map(8, 8, 1));
        Value y = conv(g, "c", x, 3, 2, 1, new int[] {0, 0, 1, 1}, 4, 4);
        Node c = y.producer();
        // rows [0,2): [0, 1*2 + 3) = [0,5); cols [2,4): [4, 3*2 + 3) = [4,9) -> [4,8) with 1 column of right padding.
        assertWindow(ReceptiveField.inputWindow(c, 0, new Region(0, 2, 2, 4)), 0, 4, 5, 8, 0, 0, 0, 1);
        assertWindow(ReceptiveField.inputWindow(c, 0, new Region(2, 2, 4, 4)), 4, 4, 8, 8, 0, 0, 1, 1);
        assertNull(ReceptiveField.inputWindow(c, 1, new Region(0, 0, 2, 2)), "weights are not a feature map");
        assertNull(ReceptiveField.inputWindow(c, 2, new Region(0, 0, 2, 2)), "absent bias");
    }

    /** Two SAME 3x3 stride-2 convs, 16 -> 8 -> 4, 2x2 grid: the halo grows to 3 rows at the input. */
    @Test
    void stride2ChainGrowsTheHalo() {
        Graph g = new Graph("chain");
        Value x = g.addInput("x", map(16, 16, 1));
        Value a = conv(g, "a", x, 3, 2, 1, new int[] {0, 0, 1, 1}, 8, 8);
        Value b = conv(g, "b", a, 3, 2, 1, new int[] {0, 0, 1, 1}, 4, 4);
        List<Node> prefix = g.nodes();

        PrefixFields topLeft = PrefixFields.backward(prefix, Map.of(b, new Region(0, 0, 2, 2)));
        assertEquals(new Region(0, 0, 5, 5), topLeft.region(a)); // [0, 1*2+3)
        assertEquals(new Region(0, 0, 11, 11), topLeft.region(x)); // [0, 4*2+3)
        assertWindow(topLeft.window(a.producer()), 0, 0, 11, 11, 0, 0, 0, 0);

        PrefixFields bottomRight = PrefixFields.backward(prefix, Map.of(b, new Region(2, 2, 4, 4)));
        assertEquals(new Region(4, 4, 8, 8), bottomRight.region(a)); // [4, 3*2+3) clipped to 8
        assertWindow(bottomRight.window(b.producer()), 4, 4, 8, 8, 0, 0, 1, 1);
        assertEquals(new Region(8, 8, 16, 16), bottomRight.region(x)); // [8, 7*2+3) clipped to 16
        assertWindow(bottomRight.window(a.producer()), 8, 8, 16, 16, 0, 0, 1, 1);
        // rows 8, 9, 10 of the input are read by both patches: the recomputed halo.
        assertEquals(3, topLeft.region(x).rowEnd() - bottomRight.region(x).rowBegin());
    }

    /** 3x3 dilation 2 (effective 5x5) stride 1 pads 2: interior patches read 2 halo rows each side. */
    @Test
    void dilationWidensTheField() {
        Graph g = new Graph("dil");
        Value x = g.addInput("x", map(10, 10, 1));
        Value y = conv(g, "d", x, 3, 1, 2, new int[] {2, 2, 2, 2}, 10, 10);
        Node d = y.producer();
        // rows [3,5): [3-2, 4-2+4+1) = [1,7); cols [0,1): [-2, 3) -> [0,3), 2 columns of left padding.
        assertWindow(ReceptiveField.inputWindow(d, 0, new Region(3, 0, 5, 1)), 1, 0, 7, 3, 0, 2, 0, 0);
        // the last row: [9-2, 9-2+5) = [7,12) -> [7,10) with 2 rows of bottom padding.
        assertWindow(ReceptiveField.inputWindow(d, 0, new Region(9, 9, 10, 10)), 7, 7, 10, 10, 0, 0, 2, 2);
    }

    /** Dilation 2 with stride 2 and uneven explicit pads (top 1, left 2, bottom 0, right 1) on a 10x9 map. */
    @Test
    void dilationWithStrideAndUnevenPads() {
        Graph g = new Graph("dil-s2");
        Value x = g.addInput("x", map(10, 9, 1));
        // out H = (10 + 1 + 0 - 5) / 2 + 1 = 4, out W = (9 + 2 + 1 - 5) / 2 + 1 = 4
        Value y = conv(g, "d", x, 3, 2, 2, new int[] {1, 2, 0, 1}, 4, 4);
        Node d = y.producer();
        // rows [0,2): [0*2-1, 1*2-1+4+1) = [-1,6) -> [0,6), 1 row of top padding;
        // cols [2,4): [2*2-2, 3*2-2+4+1) = [2,9), inside the 9 columns.
        assertWindow(ReceptiveField.inputWindow(d, 0, new Region(0, 2, 2, 4)), 0, 2, 6, 9, 1, 0, 0, 0);
        // rows [3,4): [3*2-1, 3*2-1+5) = [5,10), the last input row is row 9, no bottom padding;
        // cols [0,1): [-2, 3) -> [0,3), 2 columns of left padding.
        assertWindow(ReceptiveField.inputWindow(d, 0, new Region(3, 0, 4, 1)), 5, 0, 10, 3, 0, 2, 0, 0);
        // The explicit right pad is never read: even the last output column reads [3*2-2, 3*2-2+5) = [4,9).
        assertWindow(ReceptiveField.inputWindow(d, 0, new Region(0, 3, 1, 4)), 0, 4, 4, 9, 1, 0, 0, 0);
    }

    @Test
    void poolingDepthwiseAndPad() {
        Graph g = new Graph("mixed");
        Value x = g.addInput("x", map(4, 4, 3));
        Value p = g.newValue("p", map(6, 8, 3));
        g.addNode("pad", OpKind.PAD, new Attrs.Pad(new int[] {0, 0, 1, 1, 2, 2, 0, 0}, 0), List.of(x), List.of(p));
        Value dwW = g.newConstant("dw_w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {1, 3, 3, 3}, Q)));
        Value d = g.newValue("d", map(2, 3, 3));
        g.addNode("dw", OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {0, 0, 0, 0}, new int[] {2, 2},
                new int[] {1, 1}, 1, Activation.RELU6), Arrays.asList(p, dwW, null), List.of(d));
        Value m = g.newValue("m", map(1, 1, 3));
        g.addNode("pool", OpKind.MAX_POOL_2D, new Attrs.Pool2D(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 0, 0},
                Activation.NONE), List.of(d), List.of(m));

        // pool 2x2/2: out [0,1) -> [0,2) both ways
        assertWindow(ReceptiveField.inputWindow(m.producer(), 0, new Region(0, 0, 1, 1)), 0, 0, 2, 2, 0, 0, 0, 0);
        // dw 3x3/2 valid: out rows [0,2) -> [0, 1*2+3) = [0,5); cols [1,3) -> [2, 2*2+3) = [2,7)
        assertWindow(ReceptiveField.inputWindow(d.producer(), 0, new Region(0, 1, 2, 3)), 0, 2, 5, 7, 0, 0, 0, 0);
        // PAD of 1 row and 2 columns each side: out rows [0,5) -> [-1,4) -> [0,4), pad top 1;
        // cols [2,7) -> [0,5) -> [0,4), pad right 1 (the 7th output column is the first of the right padding).
        assertWindow(ReceptiveField.inputWindow(p.producer(), 0, new Region(0, 2, 5, 7)), 0, 0, 4, 4, 1, 0, 0, 1);

        PrefixFields f = PrefixFields.backward(g.nodes(), Map.of(m, new Region(0, 0, 1, 1)));
        assertEquals(new Region(0, 0, 2, 2), f.region(d));
        assertEquals(new Region(0, 0, 5, 5), f.region(p));
        // PAD rows [0,5) -> [-1,4); cols [0,5) -> [-2,3): 1 row and 2 columns of padding, 4 x 3 read.
        assertWindow(f.window(p.producer()), 0, 0, 4, 3, 1, 2, 0, 0);
    }

    /** A residual block: the skip path needs less of x than the depthwise, so x's field is the union. */
    @Test
    void residualBranchTakesTheUnion() {
        Graph g = new Graph("res");
        Value x = g.addInput("x", map(4, 4, 2));
        Value dwW = g.newConstant("dw_w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {1, 3, 3, 2}, Q)));
        Value y = g.newValue("y", map(4, 4, 2));
        g.addNode("dw", OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1, Activation.NONE), Arrays.asList(x, dwW, null), List.of(y));
        Value z = g.newValue("z", map(4, 4, 2));
        g.addNode("add", OpKind.ADD, new Attrs.Binary(Activation.NONE), List.of(x, y), List.of(z));

        PrefixFields f = PrefixFields.backward(g.nodes(), Map.of(z, new Region(0, 0, 2, 2)));
        assertEquals(new Region(0, 0, 2, 2), f.region(y));
        assertWindow(f.window(y.producer()), 0, 0, 3, 3, 1, 1, 0, 0);
        assertEquals(new Region(0, 0, 3, 3), f.region(x));
    }

    @Test
    void opsWithoutASpatialFieldAreRefused() {
        Graph g = new Graph("fc");
        Value x = g.addInput("x", map(2, 2, 2));
        Value r = g.newValue("r", new TensorType(ElementType.INT8, new int[] {1, 8}, Q));
        g.addNode("flat", OpKind.RESHAPE, Attrs.None.INSTANCE, List.of(x), List.of(r));
        CompileException e = assertThrows(CompileException.class,
                () -> ReceptiveField.inputWindow(r.producer(), 0, new Region(0, 0, 1, 1)));
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
