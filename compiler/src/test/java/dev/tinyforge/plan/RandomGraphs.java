package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
 * Random int8 NHWC graphs built from the ops the memory planner treats specially: 1x1 and 3x3
 * convolutions, depthwise with multipliers 1, 2 and 4 and strides 1 and 2, zero-point PADs, ADD of equal
 * shapes (residual branches), squeeze-excitation (MEAN + broadcast MUL), RELU, CONCATENATION along H
 * (foldable) and along C (not), RESHAPE views, and a float input with QUANTIZE. Weights are random, so
 * the graphs also run as C. Same seed, same graph.
 */
public final class RandomGraphs {
    private RandomGraphs() {}

    private static final Quant ACT = Quant.perTensor(0.05f, -3);

    public static Graph generate(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("random_" + seed);
        int h = 2 + r.nextInt(9), w = 2 + r.nextInt(9), c = 1 + r.nextInt(8);
        Value x;
        if (r.nextInt(4) == 0) {
            Value f = g.addInput("in_f32", new TensorType(ElementType.FLOAT32, 1, h, w, c));
            x = g.newValue("q", t(h, w, c));
            g.addNode("quantize", OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(f), List.of(x));
        } else {
            x = g.addInput("in", t(h, w, c));
        }
        List<Value> pool = new ArrayList<>(List.of(x));
        int ops = 3 + r.nextInt(12);
        for (int i = 0; i < ops; i++) {
            Value a = pool.get(pool.size() - 1 - r.nextInt(Math.min(pool.size(), 3)));
            int[] s = a.type().shape();
            Value y = switch (r.nextInt(11)) {
                case 0, 1 -> conv(g, r, a, 1 + r.nextInt(16), 1, 1, new int[] {0, 0, 0, 0});
                case 2 -> conv(g, r, a, 1 + r.nextInt(8), 3, 1 + r.nextInt(2), new int[] {1, 1, 1, 1});
                case 3, 4 -> depthwise(g, r, a, new int[] {1, 1, 2, 4}[r.nextInt(4)], 1 + r.nextInt(2), r.nextBoolean());
                case 5 -> {
                    Value b = sameShape(pool, a, r);
                    yield binary(g, OpKind.ADD, a, b == null ? a : b, a.type());
                }
                case 6 -> {
                    Value m = g.newValue("mean", t(1, 1, s[3]));
                    g.addNode("mean" + i, OpKind.MEAN, new Attrs.Reduce(new int[] {1, 2}, true), List.of(a), List.of(m));
                    yield binary(g, OpKind.MUL, a, m, a.type());
                }
                case 7 -> {
                    Value y2 = g.newValue("relu", a.type());
                    g.addNode("relu" + i, OpKind.RELU, Attrs.None.INSTANCE, List.of(a), List.of(y2));
                    yield y2;
                }
                case 8 -> {
                    Value b = conv(g, r, a, s[3], 1, 1, new int[] {0, 0, 0, 0});
                    Value first = r.nextBoolean() ? a : conv(g, r, a, s[3], 1, 1, new int[] {0, 0, 0, 0});
                    boolean alongH = r.nextBoolean();
                    Value y2 = g.newValue("concat", alongH ? t(2 * s[1], s[2], s[3]) : t(s[1], s[2], 2 * s[3]));
                    g.addNode("concat" + i, OpKind.CONCATENATION, new Attrs.Concat(alongH ? 1 : 3, Activation.NONE),
                            List.of(first, b), List.of(y2));
                    yield y2;
                }
                case 9 -> {
                    Value y2 = g.newValue("view", t(s[1] * s[2], 1, s[3]));
                    g.addNode("reshape" + i, OpKind.RESHAPE, Attrs.None.INSTANCE, List.of(a), List.of(y2));
                    yield y2;
                }
                default -> {
                    Value p = g.newValue("padded", t(s[1] + 2, s[2] + 2, s[3]));
                    g.addNode("pad" + i, OpKind.PAD, new Attrs.Pad(new int[] {0, 0, 1, 1, 1, 1, 0, 0}, ACT.zeroPoint()), List.of(a),
                            List.of(p));
                    yield depthwise(g, r, p, 1, 1, false);
                }
            };
            pool.add(y);
        }
        g.addOutput(pool.get(pool.size() - 1));
        if (pool.size() > 3 && r.nextBoolean()) {
            Value extra = pool.get(r.nextInt(pool.size() - 2) + 1);
            if (!g.outputs().contains(extra) && extra.producer() != null) g.addOutput(extra);
        }
        return g;
    }

    /**
     * A folded concatenation followed by ops that can run in place over it: two producers (1x1 convolutions,
     * or the input itself and one) joined along H (or along W when H is 1, both foldable), then a chain of
     * one to four of depthwise (strides 1 and 2), 1x1 and 3x3 convolution, RELU, residual ADD, each reading the
     * previous value. Same seed, same graph.
     */
    public static Graph concatThenInPlace(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("concat_chain_" + seed);
        boolean alongW = r.nextInt(4) == 0;
        int h = alongW ? 1 : 2 + r.nextInt(7), w = 2 + r.nextInt(7), c = 1 + r.nextInt(6);
        Value x = g.addInput("in", t(h, w, c));
        Value a = r.nextBoolean() ? x : conv(g, r, x, c, 1, 1, new int[] {0, 0, 0, 0});
        Value b = conv(g, r, x, c, 1, 1, new int[] {0, 0, 0, 0});
        Value y = g.newValue("concat", alongW ? t(1, 2 * w, c) : t(2 * h, w, c));
        g.addNode("concat", OpKind.CONCATENATION, new Attrs.Concat(alongW ? 2 : 1, Activation.NONE), List.of(a, b), List.of(y));
        int ops = 1 + r.nextInt(4);
        for (int i = 0; i < ops; i++) {
            Value prev = y;
            y = switch (r.nextInt(6)) {
                case 0 -> depthwise(g, r, prev, 1, 1 + r.nextInt(2), r.nextBoolean());
                case 1 -> conv(g, r, prev, 1 + r.nextInt(8), 1, 1, new int[] {0, 0, 0, 0});
                case 2 -> conv(g, r, prev, 1 + r.nextInt(6), 3, 1 + r.nextInt(2), new int[] {1, 1, 1, 1});
                case 3 -> {
                    Value z = g.newValue("relu", prev.type());
                    g.addNode("relu" + i, OpKind.RELU, Attrs.None.INSTANCE, List.of(prev), List.of(z));
                    yield z;
                }
                case 4 -> binary(g, OpKind.ADD, prev, conv(g, r, prev, prev.type().dim(3), 1, 1, new int[] {0, 0, 0, 0}), prev.type());
                default -> depthwise(g, r, prev, new int[] {1, 2}[r.nextInt(2)], 1, true);
            };
        }
        g.addOutput(y);
        return g;
    }

    private static TensorType t(int h, int w, int c) {
        return new TensorType(ElementType.INT8, new int[] {1, h, w, c}, ACT);
    }

    private static Value sameShape(List<Value> pool, Value a, Random r) {
        List<Value> same = new ArrayList<>();
        for (Value v : pool) if (v != a && java.util.Arrays.equals(v.type().shape(), a.type().shape())) same.add(v);
        return same.isEmpty() ? null : same.get(r.nextInt(same.size()));
    }

    private static Value binary(Graph g, OpKind k, Value a, Value b, TensorType out) {
        Value y = g.newValue(k.name().toLowerCase(), out);
        g.addNode(k.name().toLowerCase() + g.nodes().size(), k, new Attrs.Binary(Activation.NONE), List.of(a, b), List.of(y));
        return y;
    }

    private static Value conv(Graph g, Random r, Value a, int oc, int k, int stride, int[] pads) {
        int[] s = a.type().shape();
        int oh = (s[1] + pads[0] + pads[2] - k) / stride + 1, ow = (s[2] + pads[1] + pads[3] - k) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        Value wv = g.newConstant("w", weights(r, new int[] {oc, k, k, s[3]}, oc, 0));
        Value bv = g.newConstant("b", bias(r, oc));
        Value y = g.newValue("conv", t(oh, ow, oc));
        g.addNode("conv" + g.nodes().size(), OpKind.CONV_2D, new Attrs.Conv2D(pads, new int[] {stride, stride}, new int[] {1, 1},
                r.nextBoolean() ? Activation.RELU : Activation.NONE), List.of(a, wv, bv), List.of(y));
        return y;
    }

    private static Value depthwise(Graph g, Random r, Value a, int mult, int stride, boolean same) {
        int[] s = a.type().shape();
        int[] pads = same ? new int[] {1, 1, 1, 1} : new int[] {0, 0, 0, 0};
        int oh = (s[1] + pads[0] + pads[2] - 3) / stride + 1, ow = (s[2] + pads[1] + pads[3] - 3) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        int oc = s[3] * mult;
        Value wv = g.newConstant("dw_w", weights(r, new int[] {1, 3, 3, oc}, oc, 3));
        Value bv = g.newConstant("dw_b", bias(r, oc));
        Value y = g.newValue("dw", t(oh, ow, oc));
        g.addNode("dw" + g.nodes().size(), OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(pads, new int[] {stride, stride},
                new int[] {1, 1}, mult, Activation.NONE), List.of(a, wv, bv), List.of(y));
        return y;
    }

    private static Tensor weights(Random r, int[] shape, int channels, int axis) {
        float[] scales = new float[channels];
        int[] zps = new int[channels];
        for (int i = 0; i < channels; i++) scales[i] = 0.002f + r.nextFloat() * 0.02f;
        TensorType tt = new TensorType(ElementType.INT8, shape, new Quant(scales, zps, axis));
        byte[] data = new byte[Math.toIntExact(tt.elementCount())];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(255) - 127);
        return Tensor.wrap(tt, data);
    }

    private static Tensor bias(Random r, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(2001) - 1000;
        return Tensor.wrap(new TensorType(ElementType.INT32, n), b);
    }
}
