package dev.tinyforge.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Differential check of the exactness rule: for every producer the pass fuses into and every activation,
 * an int8 graph with identical activation input/output quantization computes bit-identical outputs
 * before and after fusion (by the TFLM-arithmetic interpreter), on random inputs. The quantization
 * q(0.06, -30) makes every clamp bite: RELU at -30, RELU6 at 70, RELU_N1_TO_1 at [-47, -13].
 */
class FuseActivationSemanticsTest {
    private static final Quant OUT_Q = Quant.perTensor(0.06f, -30);
    private static final Quant IN_Q = Quant.perTensor(0.05f, 3);

    @TestFactory
    Stream<DynamicTest> fusedInt8GraphsComputeTheSameOutputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpKind producer : List.of(OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.FULLY_CONNECTED, OpKind.ADD,
                OpKind.SUB, OpKind.MUL, OpKind.AVERAGE_POOL_2D, OpKind.MAX_POOL_2D))
            for (OpKind act : List.of(OpKind.RELU, OpKind.RELU6, OpKind.RELU_N1_TO_1))
                tests.add(DynamicTest.dynamicTest(producer.irName() + " + " + act.irName(), () -> check(producer, act)));
        return tests.stream();
    }

    private static void check(OpKind producer, OpKind act) {
        Random rnd = new Random(producer.ordinal() * 31 + act.ordinal());
        Graph before = build(producer, act, new Random(7));
        Graph after = build(producer, act, new Random(7));
        new FuseActivation().run(after);
        assertEquals(before.nodes().size() - 1, after.nodes().size(), "the activation should have been fused");
        Interpreter interp = new Interpreter();
        for (int trial = 0; trial < 5; trial++) {
            List<Tensor> inputs = new ArrayList<>();
            for (Value in : before.inputs()) inputs.add(randomInt8(in.type(), rnd));
            byte[] expected = interp.run(before, inputs).get(0).toBytes();
            byte[] actual = interp.run(after, inputs).get(0).toBytes();
            assertArrayEquals(expected, actual, "trial " + trial);
        }
    }

    /** input -> producer (output OUT_Q) -> activation (OUT_Q -> OUT_Q) -> graph output. */
    private static Graph build(OpKind producer, OpKind act, Random rnd) {
        Graph g = new Graph("fuse");
        boolean pool = producer == OpKind.AVERAGE_POOL_2D || producer == OpKind.MAX_POOL_2D;
        Value x = g.addInput("x", i8(pool ? OUT_Q : IN_Q, 1, 5, 5, 2));
        Value p;
        switch (producer) {
            case CONV_2D -> {
                float[] ws = {0.02f, 0.03f, 0.01f};
                Value w = g.newConstant("w", randomInt8(i8(new Quant(ws, new int[3], 0), 3, 3, 3, 2), rnd));
                Value b = g.newConstant("b", bias(ws, ws.length, rnd));
                p = g.newValue("p", i8(OUT_Q, 1, 5, 5, 3));
                g.addNode("conv", producer, new Attrs.Conv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1}, new int[] {1, 1}, Activation.NONE),
                        List.of(x, w, b), List.of(p));
            }
            case DEPTHWISE_CONV_2D -> {
                float[] ws = {0.02f, 0.04f};
                Value w = g.newConstant("w", randomInt8(i8(new Quant(ws, new int[2], 3), 1, 3, 3, 2), rnd));
                Value b = g.newConstant("b", bias(ws, ws.length, rnd));
                p = g.newValue("p", i8(OUT_Q, 1, 5, 5, 2));
                g.addNode("dw", producer, new Attrs.DepthwiseConv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1,
                        Activation.NONE), List.of(x, w, b), List.of(p));
            }
            case FULLY_CONNECTED -> {
                // per-tensor weights [4, 50] over the flattened 1x5x5x2 input
                Value w = g.newConstant("w", randomInt8(i8(Quant.perTensor(0.01f, 0), 4, 50), rnd));
                Value b = g.newConstant("b", bias(new float[] {0.01f}, 4, rnd));
                p = g.newValue("p", i8(OUT_Q, 1, 4));
                g.addNode("fc", producer, new Attrs.FullyConnected(Activation.NONE, false), List.of(x, w, b), List.of(p));
            }
            case ADD, SUB, MUL -> {
                Value y = g.addInput("y", i8(Quant.perTensor(0.03f, -7), 1, 5, 5, 2));
                p = g.newValue("p", i8(OUT_Q, 1, 5, 5, 2));
                g.addNode("binary", producer, new Attrs.Binary(Activation.NONE), List.of(x, y), List.of(p));
            }
            default -> {
                p = g.newValue("p", i8(OUT_Q, 1, 4, 4, 2));
                g.addNode("pool", producer, new Attrs.Pool2D(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0, 0, 0}, Activation.NONE),
                        List.of(x), List.of(p));
            }
        }
        Value out = g.newValue("out", p.type());
        g.addNode("act", act, Attrs.None.INSTANCE, List.of(p), List.of(out));
        g.addOutput(out);
        return g;
    }

    private static TensorType i8(Quant q, int... shape) { return new TensorType(ElementType.INT8, shape, q); }

    private static Tensor randomInt8(TensorType t, Random rnd) {
        Tensor x = Tensor.zeros(t);
        for (int i = 0; i < x.size(); i++) x.setLong(i, rnd.nextInt(256) - 128);
        return x;
    }

    /** int32 bias of n values around +-2000, scaled input_scale * weight_scale (per channel or per tensor). */
    private static Tensor bias(float[] weightScales, int n, Random rnd) {
        float[] s = new float[weightScales.length];
        for (int i = 0; i < s.length; i++) s[i] = weightScales[i] * IN_Q.scale();
        Tensor b = Tensor.zeros(new TensorType(ElementType.INT32, new int[] {n}, new Quant(s, new int[s.length], 0)));
        for (int i = 0; i < b.size(); i++) b.setLong(i, rnd.nextInt(4001) - 2000);
        return b;
    }
}
