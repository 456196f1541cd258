package dev.tinyforge.quant.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

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
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters on hand-built nodes. Expected values are worked by hand from TFLM's Prepare code,
 * or taken from CMSIS-NN's TFLite-generated test configs where noted.
 */
class PreparedParamsTest {

    private static TensorType i8(Quant q, int... shape) { return new TensorType(ElementType.INT8, shape, q); }

    private static Node node(OpKind kind, Attrs attrs, TensorType out, TensorType... ins) {
        Graph g = new Graph("t");
        List<Value> vs = new java.util.ArrayList<>();
        vs.add(g.addInput("x", ins[0]));
        for (int i = 1; i < ins.length; i++) vs.add(g.newConstant("c", Tensor.zeros(ins[i])));
        return g.addNode("n", kind, attrs, vs, List.of(g.newValue("y", out)));
    }

    @Test void convExpandsPerTensorAndKeepsPerChannelScales() {
        Quant perChannel = new Quant(new float[] {0.25f, 0.5f}, new int[] {0, 0}, 0);
        Node n = node(OpKind.CONV_2D, new Attrs.Conv2D(new int[] {1, 2, 1, 2}, new int[] {2, 1}, new int[] {1, 3}, Activation.RELU),
                i8(Quant.perTensor(0.125f, -5), 1, 4, 4, 2), i8(Quant.perTensor(0.5f, 7), 1, 4, 4, 3), i8(perChannel, 2, 3, 3, 3));
        ConvParams p = ConvParams.prepare(n);
        // 0.5 * 0.25 / 0.125 = 1 -> (2^30, 1); 0.5 * 0.5 / 0.125 = 2 -> (2^30, 2)
        assertArrayEquals(new int[] {1 << 30, 1 << 30}, p.multipliers());
        assertArrayEquals(new int[] {1, 2}, p.shifts());
        assertEquals(-7, p.inputOffset());
        assertEquals(-5, p.outputOffset());
        assertEquals(List.of(2, 1, 1, 3, 1, 2), List.of(p.strideH(), p.strideW(), p.dilationH(), p.dilationW(), p.padTop(), p.padLeft()));
        assertEquals(-5, p.activationMin()); // RELU: zero point
        assertEquals(127, p.activationMax());

        Node dw = node(OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {0, 0, 0, 0}, new int[] {1, 1}, new int[] {1, 1}, 2, Activation.NONE),
                i8(Quant.perTensor(1f, 0), 1, 3, 3, 4), i8(Quant.perTensor(0.5f, 0), 1, 3, 3, 2), i8(Quant.perTensor(0.25f, 0), 1, 3, 3, 4));
        ConvParams d = ConvParams.prepare(dw);
        assertEquals(2, d.depthMultiplier());
        assertArrayEquals(new int[] {-2, -2, -2, -2}, d.shifts()); // 0.5 * 0.25 / 1 = 0.5 * 2^-2, repeated per channel
    }

    @Test void addParamsMatchCmsisNnAddVector() {
        // CMSIS-NN "add" (TFLite 2.x generated): equal input scales s, output 2s, zero points -128
        float s = 0.0078125f;
        Node n = node(OpKind.ADD, new Attrs.Binary(Activation.NONE), i8(Quant.perTensor(2 * s, -128), 4),
                i8(Quant.perTensor(s, -128), 4), i8(Quant.perTensor(s, -128), 4));
        AddParams p = AddParams.prepare(n);
        assertEquals(new AddParams(20, 128, 1073741824, 0, 128, 1073741824, 0, -128, 1073741824, -19, -128, 127), p);
    }

    @Test void subUsesFloatArithmeticLikeTflm() {
        Node n = node(OpKind.SUB, new Attrs.Binary(Activation.NONE), i8(Quant.perTensor(1f, 0), 4),
                i8(Quant.perTensor(0.5f, 1), 4), i8(Quant.perTensor(0.25f, 2), 4));
        AddParams p = AddParams.prepare(n);
        // twice max = 1: in1 0.5 -> (2^30, 0), in2 0.25 -> (2^30, -1), out 1 / 2^20 -> (2^30, -19)
        assertEquals(new AddParams(20, -1, 1 << 30, 0, -2, 1 << 30, -1, 0, 1 << 30, -19, -128, 127), p);
    }

    @Test void mulMeanAndRequant() {
        Node mul = node(OpKind.MUL, new Attrs.Binary(Activation.NONE), i8(Quant.perTensor(0.25f, 3), 4),
                i8(Quant.perTensor(0.5f, 1), 4), i8(Quant.perTensor(0.5f, 2), 4));
        assertEquals(new MulParams(-1, -2, 3, 1 << 30, 1, -128, 127), MulParams.prepare(mul)); // 0.25 / 0.25 = 1

        Node mean = node(OpKind.MEAN, new Attrs.Reduce(new int[] {1, 2}, true), i8(Quant.perTensor(0.5f, 6), 1, 1, 1, 4),
                i8(Quant.perTensor(0.5f, 6), 1, 3, 3, 4));
        // count 9: (2^30, 1) with s = 3 folded: 2^33 / 9 = 954437176, shift 1 - 3
        MeanParams mp = MeanParams.prepare(mean);
        assertEquals(new MeanParams(false, 6, 6, 1 << 30, 1, 9), mp);
        assertEquals(new QuantizedMultiplier(954437176, -2), mp.folded());

        Node quant = node(OpKind.QUANTIZE, Attrs.None.INSTANCE, i8(Quant.perTensor(0.25f, 1), 4), i8(Quant.perTensor(0.5f, 3), 4));
        assertEquals(new RequantParams(-3, 1, 1 << 30, 2, -128, 127), RequantParams.prepare(quant)); // 2 = 0.5 * 2^2
    }

    @Test void softmaxMatchesCmsisNnSoftmaxVector() {
        // CMSIS-NN "softmax": input scale 1/255, beta 1 -> INPUT_MULT 1077952640, LEFT_SHIFT 19, DIFF_MIN -3968
        Node n = node(OpKind.SOFTMAX, new Attrs.Softmax(1f), i8(Quant.perTensor(1f / 256, -128), 2, 5),
                i8(Quant.perTensor(1f / 255, 0), 2, 5));
        assertEquals(new SoftmaxParams(1077952640, 19, -3968), SoftmaxParams.prepare(n));
    }

    @Test void logisticTanhHardSwishAndFullyConnected() {
        Node lg = node(OpKind.LOGISTIC, Attrs.None.INSTANCE, i8(Quant.perTensor(1f / 256, -128), 4), i8(Quant.perTensor(0.0625f, 5), 4));
        // 0.0625 * 2^27 = 2^23 = 0.5 * 2^24: multiplier 2^30, shift 24; radius floor(15 * 2^27 / 2^24) = 120
        assertEquals(new LogisticTanhParams(5, 120, 1 << 30, 24), LogisticTanhParams.prepare(lg));

        Node hs = node(OpKind.HARD_SWISH, Attrs.None.INSTANCE, i8(Quant.perTensor(1f / 64, 0), 4), i8(Quant.perTensor(0.5f, 0), 4));
        // hires = 0.5 / 128; out multiplier hires / (1/64) = 0.25 -> (2^30, -1) -> int16 2^14;
        // reluish hires / (3 / 32768) = 42.666.. = 0.6667 * 2^6 -> 1431655765 -> int16 21845
        assertEquals(new HardSwishParams(0, 0, (short) 21845, 6, (short) (1 << 14), -1), HardSwishParams.prepare(hs));

        Node fc = node(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, false), i8(Quant.perTensor(0.25f, -1), 1, 2),
                i8(Quant.perTensor(0.5f, 4), 1, 3), i8(Quant.perTensor(0.5f, 0), 2, 3));
        FullyConnectedParams p = FullyConnectedParams.prepare(fc);
        assertEquals(QuantizedMultiplier.of(1.0), new QuantizedMultiplier(p.multiplier(1), p.shift(1)));
        assertEquals(-4, p.inputOffset());
        assertEquals(0, p.filterOffset());
        assertEquals(-1, p.outputOffset());
    }
}
