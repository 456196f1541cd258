package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
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
import dev.tinyforge.testing.HostBuilds;

/**
 * Every op the C backend supports, on random shapes, strides, paddings and quantization: the generated C
 * (one program per seed, every op an independent branch with its own output) must equal the reference
 * interpreter byte for byte. Catches emitter/kernel disagreements for ops no shared model uses.
 */
class RandomOpsCVsInterpreterTest {

    @TestFactory
    Stream<DynamicTest> generatedCEqualsInterpreter() {
        return IntStream.of(1, 2, 3, 4).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Builder b = new Builder(new Random(seed));
            b.buildAll();
            Graph g = b.g;
            List<Tensor> inputs = new ArrayList<>();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (Value in : g.inputs()) {
                Tensor t = b.randomTensor(in.type());
                inputs.add(t);
                raw.write(t.toBytes());
            }
            List<Tensor> expected = new Interpreter().run(g, inputs);
            byte[] actual = HostBuilds.buildUnoptimized(g, "random-ops-" + seed).run(raw.toByteArray());
            int offset = 0;
            for (int i = 0; i < g.outputs().size(); i++) {
                byte[] e = expected.get(i).toBytes();
                byte[] a = Arrays.copyOfRange(actual, offset, offset + e.length);
                offset += e.length;
                Value v = g.outputs().get(i);
                assertEquals(-1, Arrays.mismatch(e, a), "seed " + seed + ": " + v.producer().kind() + " '" + v.name() + "' "
                        + v.type() + " differs from the interpreter at byte " + Arrays.mismatch(e, a));
            }
            assertEquals(offset, actual.length);
            System.out.printf("random ops seed %d: %d ops, C == interpreter%n", seed, g.nodes().size());
        }));
    }

    /** Builds one graph holding one branch per op kind, each fed by its own graph input(s). */
    static final class Builder {
        final Random r;
        final Graph g = new Graph("random_ops");
        int counter;

        Builder(Random r) { this.r = r; }

        void buildAll() {
            conv(false);
            conv(true);
            depthwise(1);
            depthwise(2);
            fullyConnected(false);
            fullyConnected(true);
            pool(OpKind.AVERAGE_POOL_2D);
            pool(OpKind.MAX_POOL_2D);
            for (OpKind k : new OpKind[] {OpKind.ADD, OpKind.SUB, OpKind.MUL}) {
                binary(k, false);
                binary(k, true);
            }
            minMax(OpKind.MAXIMUM, false);
            minMax(OpKind.MINIMUM, true);
            softmax();
            mean();
            layout();
            for (OpKind k : new OpKind[] {OpKind.RELU, OpKind.RELU6, OpKind.RELU_N1_TO_1, OpKind.LOGISTIC, OpKind.TANH,
                    OpKind.HARD_SWISH, OpKind.LEAKY_RELU})
                activation(k);
            prelu();
            resize(OpKind.RESIZE_NEAREST_NEIGHBOR);
            resize(OpKind.RESIZE_BILINEAR);
            quantizeOps();
        }

        Quant q() { return Quant.perTensor(0.01f + r.nextFloat() * 0.09f, r.nextInt(41) - 20); }

        Value input(int... shape) { return g.addInput("in" + counter++, new TensorType(ElementType.INT8, shape, q())); }

        Value inputWith(Quant q, int... shape) { return g.addInput("in" + counter++, new TensorType(ElementType.INT8, shape, q)); }

        TensorType out(int[] shape, Quant q) { return new TensorType(ElementType.INT8, shape, q); }

        void node(OpKind k, Attrs a, List<Value> ins, TensorType... outs) {
            List<Value> o = new ArrayList<>();
            for (TensorType t : outs) o.add(g.newValue(k.irName() + "_" + counter++, t));
            g.addNode(k.irName() + "_" + counter, k, a, ins, o);
            o.forEach(g::addOutput);
        }

        Activation act() { return new Activation[] {Activation.NONE, Activation.RELU, Activation.RELU6}[r.nextInt(3)]; }

        Value weights(int[] shape, int channels, int axis) {
            float[] s = new float[channels];
            int[] zp = new int[channels];
            for (int i = 0; i < channels; i++) s[i] = 0.002f + r.nextFloat() * 0.02f;
            TensorType t = new TensorType(ElementType.INT8, shape, new Quant(s, zp, axis));
            Tensor w = Tensor.zeros(t);
            for (int i = 0; i < w.size(); i++) w.int8()[i] = (byte) (r.nextInt(255) - 127);
            return g.newConstant("w" + counter++, w);
        }

        Value bias(Value in, Value w, int n) {
            Quant wq = w.type().quant();
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = in.type().quant().scale() * wq.scale(i);
            Tensor b = Tensor.zeros(new TensorType(ElementType.INT32, new int[] {n}, new Quant(s, new int[n], 0)));
            for (int i = 0; i < n; i++) b.int32()[i] = r.nextInt(4001) - 2000;
            return g.newConstant("b" + counter++, b);
        }

        /** Output size and SAME-like explicit pads for a window. */
        int[] geometry(int in, int k, int stride, int dil, boolean same) {
            int eff = (k - 1) * dil + 1;
            if (!same) return new int[] {(in - eff) / stride + 1, 0, 0};
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + eff - in, 0);
            return new int[] {out, total / 2, total - total / 2};
        }

        void conv(boolean dilated) {
            int h = 5 + r.nextInt(6), w = 5 + r.nextInt(6), c = 1 + r.nextInt(5), oc = 1 + r.nextInt(6);
            int k = 1 + 2 * r.nextInt(2), stride = 1 + r.nextInt(2), dil = dilated ? 2 : 1;
            boolean same = r.nextBoolean();
            Value in = input(1, h, w, c);
            Value wt = weights(new int[] {oc, k, k, c}, oc, 0);
            int[] gh = geometry(h, k, stride, dil, same), gw = geometry(w, k, stride, dil, same);
            node(OpKind.CONV_2D, new Attrs.Conv2D(new int[] {gh[1], gw[1], gh[2], gw[2]}, new int[] {stride, stride},
                    new int[] {dil, dil}, act()), Arrays.asList(in, wt, r.nextBoolean() ? bias(in, wt, oc) : null),
                    out(new int[] {1, gh[0], gw[0], oc}, q()));
        }

        void depthwise(int mult) {
            int h = 4 + r.nextInt(8), w = 4 + r.nextInt(8), c = 1 + r.nextInt(6), k = 3, stride = 1 + r.nextInt(2);
            boolean same = r.nextBoolean();
            Value in = input(1, h, w, c);
            Value wt = weights(new int[] {1, k, k, c * mult}, c * mult, 3);
            int[] gh = geometry(h, k, stride, 1, same), gw = geometry(w, k, stride, 1, same);
            node(OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {gh[1], gw[1], gh[2], gw[2]},
                    new int[] {stride, stride}, new int[] {1, 1}, mult, act()), Arrays.asList(in, wt, bias(in, wt, c * mult)),
                    out(new int[] {1, gh[0], gw[0], c * mult}, q()));
        }

        void fullyConnected(boolean perChannel) {
            int batches = 1 + r.nextInt(3), depth = 3 + r.nextInt(30), outs = 1 + r.nextInt(12);
            Value in = input(batches, depth);
            Value wt = perChannel ? weights(new int[] {outs, depth}, outs, 0) : weights(new int[] {outs, depth}, 1, 0);
            node(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(act(), false), Arrays.asList(in, wt, bias(in, wt, outs)),
                    out(new int[] {batches, outs}, q()));
        }

        void pool(OpKind kind) {
            int h = 4 + r.nextInt(8), w = 4 + r.nextInt(8), c = 1 + r.nextInt(5), k = 2 + r.nextInt(2), stride = 1 + r.nextInt(2);
            boolean same = r.nextBoolean();
            Quant q = q();
            Value in = inputWith(q, 1, h, w, c);
            int[] gh = geometry(h, k, stride, 1, same), gw = geometry(w, k, stride, 1, same);
            node(kind, new Attrs.Pool2D(new int[] {k, k}, new int[] {stride, stride}, new int[] {gh[1], gw[1], gh[2], gw[2]},
                    act()), List.of(in), out(new int[] {1, gh[0], gw[0], c}, q));
        }

        void binary(OpKind kind, boolean broadcast) {
            int[] shape = {1, 2 + r.nextInt(4), 2 + r.nextInt(4), 1 + r.nextInt(6)};
            Value a = input(shape);
            Value b = broadcast ? input(1, 1, 1, shape[3]) : input(shape);
            node(kind, new Attrs.Binary(act()), List.of(a, b), out(shape, q()));
        }

        void minMax(OpKind kind, boolean broadcast) {
            int[] shape = {1, 3, 2 + r.nextInt(4), 1 + r.nextInt(6)};
            Quant q = q();
            Value a = inputWith(q, shape);
            Value b = broadcast ? inputWith(q, 1, 1, shape[2], shape[3]) : inputWith(q, shape);
            node(kind, Attrs.None.INSTANCE, List.of(a, b), out(shape, q));
        }

        void softmax() {
            Value in = input(1 + r.nextInt(3), 2 + r.nextInt(10));
            node(OpKind.SOFTMAX, new Attrs.Softmax(1f), List.of(in), out(in.type().shape(), Quant.perTensor(1f / 256, -128)));
        }

        void mean() {
            Value in = input(1, 3 + r.nextInt(5), 3 + r.nextInt(5), 1 + r.nextInt(8));
            int[] s = in.type().shape();
            node(OpKind.MEAN, new Attrs.Reduce(new int[] {1, 2}, true), List.of(in), out(new int[] {1, 1, 1, s[3]}, q()));
            Value in2 = input(1, 4, 3, 5);
            node(OpKind.MEAN, new Attrs.Reduce(new int[] {2}, false), List.of(in2), out(new int[] {1, 4, 5}, q()));
        }

        void layout() {
            Quant q = q();
            Value a = inputWith(q, 1, 3, 4, 2);
            node(OpKind.PAD, new Attrs.Pad(new int[] {0, 0, 1, 2, 0, 1, 1, 0}, q.zeroPoint()), List.of(a), out(new int[] {1, 6, 5, 3}, q));
            Value t = inputWith(q, 1, 3, 4, 2);
            node(OpKind.TRANSPOSE, new Attrs.Transpose(new int[] {0, 3, 1, 2}), List.of(t), out(new int[] {1, 2, 3, 4}, q));
            Value c1 = inputWith(q, 1, 2, 2, 3), c2 = inputWith(q, 1, 2, 2, 5);
            node(OpKind.CONCATENATION, new Attrs.Concat(3, Activation.NONE), List.of(c1, c2), out(new int[] {1, 2, 2, 8}, q));
            Value s = inputWith(q, 1, 6, 5, 4);
            node(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(new int[] {0, 5, 1, 0}, new int[] {1, -2, 2, 1}, new int[] {1, 3, 2, 4}),
                    List.of(s), out(new int[] {1, 3, 2, 4}, q));
            Value sp = inputWith(q, 1, 4, 6);
            node(OpKind.SPLIT, new Attrs.Split(2, new int[] {2, 4}), List.of(sp), out(new int[] {1, 4, 2}, q), out(new int[] {1, 4, 4}, q));
            Value p1 = inputWith(q, 2, 3), p2 = inputWith(q, 2, 3);
            node(OpKind.PACK, new Attrs.Axis(1), List.of(p1, p2), out(new int[] {2, 2, 3}, q));
            Value u = inputWith(q, 3, 2, 2);
            node(OpKind.UNPACK, new Attrs.Axis(0), List.of(u), out(new int[] {2, 2}, q), out(new int[] {2, 2}, q), out(new int[] {2, 2}, q));
        }

        void activation(OpKind kind) {
            int[] shape = {1, 3, 3, 1 + r.nextInt(7)};
            Quant inQ = q();
            Value in = inputWith(inQ, shape);
            Quant outQ = switch (kind) {
                case LOGISTIC -> Quant.perTensor(1f / 256, -128);
                case TANH -> Quant.perTensor(1f / 128, 0);
                case RELU6 -> inQ;
                default -> q();
            };
            Attrs a = kind == OpKind.LEAKY_RELU ? new Attrs.LeakyRelu(0.1f + r.nextFloat() * 0.3f) : Attrs.None.INSTANCE;
            node(kind, a, List.of(in), out(shape, outQ));
        }

        void prelu() {
            int[] shape = {1, 3, 4, 1 + r.nextInt(5)};
            Value in = input(shape);
            Value alpha = weights(new int[] {1, 1, shape[3]}, 1, 0);
            node(OpKind.PRELU, Attrs.None.INSTANCE, List.of(in, alpha), out(shape, q()));
        }

        void resize(OpKind kind) {
            Quant q = q();
            Value in = inputWith(q, 1, 3, 4, 2);
            boolean align = r.nextBoolean();
            node(kind, new Attrs.Resize(align, !align && r.nextBoolean()), List.of(in), out(new int[] {1, 6, 7, 2}, q));
        }

        void quantizeOps() {
            Value f = g.addInput("f" + counter++, new TensorType(ElementType.FLOAT32, 2, 9));
            node(OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(f), out(new int[] {2, 9}, q()));
            Value i = input(2, 7);
            node(OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(i), out(new int[] {2, 7}, q()));
            Value d = input(3, 5);
            List<Value> o = List.of(g.newValue("deq" + counter++, new TensorType(ElementType.FLOAT32, 3, 5)));
            g.addNode("dequantize" + counter, OpKind.DEQUANTIZE, Attrs.None.INSTANCE, List.of(d), o);
            g.addOutput(o.get(0));
        }

        Tensor randomTensor(TensorType t) {
            Tensor x = Tensor.zeros(t);
            for (int i = 0; i < x.size(); i++) {
                if (t.elementType() == ElementType.FLOAT32) x.float32()[i] = (r.nextFloat() * 2 - 1) * 3f;
                else x.int8()[i] = (byte) (r.nextInt(256) - 128);
            }
            return x;
        }

    }
}
