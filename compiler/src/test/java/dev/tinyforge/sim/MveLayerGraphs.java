package dev.tinyforge.sim;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Random int8 chains of the layers the Helium kernels cover, every layer's output a graph output so each
 * is compared (or only the last two, so that layers may run in place): 1x1 convolutions (strides 1 and 2), general convolutions (1x3 to 5x5, strides, dilation,
 * asymmetric padding), depthwise 3x3/5x5/7x7 (strides 1 and 2, same or valid padding; multiplier
 * 1, or 1 to 8 on one input channel), residual ADDs and
 * a final FULLY_CONNECTED. Channel counts around the kernels' block sizes (1, 3, 4, 5, 16, 17, 31, 48, 67, and 113 past the per-layer bodies' 96 taps);
 * every tensor has its own scale and zero point (including -128 and 127), weights per-channel scales over
 * three decades, so requantization shifts run from about -20 to +2; biases sometimes absent. Same seed,
 * same graph.
 */
final class MveLayerGraphs {
    private static final int[] CHANNELS = {1, 3, 4, 5, 16, 17, 31, 48, 67, 113};

    private MveLayerGraphs() {}

    /** keepAll: every layer's output is a graph output; otherwise only the last two (so inputs die and layers may run in place). */
    static Graph generate(long seed, boolean keepAll) {
        Random r = new Random(seed);
        Graph g = new Graph("mve_" + seed);
        Value x = g.addInput("in", act(r, 1, 3 + r.nextInt(10), 3 + r.nextInt(10), pick(r)));
        List<Value> outs = new ArrayList<>();
        int layers = 6 + r.nextInt(3);
        for (int i = 0; i < layers; i++) {
            int[] s = x.type().shape();
            Value y = switch (r.nextInt(8)) {
                case 0, 1 -> conv(g, r, x, pick(r), 1, 1, 1 + r.nextInt(2), 1, new int[] {0, 0, 0, 0});
                case 2, 3 -> {
                    int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5);
                    int[] pads = {r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw)};
                    yield conv(g, r, x, pick(r), kh, kw, 1 + r.nextInt(2), 1 + r.nextInt(2), pads);
                }
                case 4, 5 -> {
                    int k = new int[] {3, 3, 5, 7}[r.nextInt(4)];
                    yield depthwise(g, r, x, k, 1 + r.nextInt(2), r.nextInt(3) != 0);
                }
                default -> {
                    Value b = conv(g, r, x, s[3], 1, 1, 1, 1, new int[] {0, 0, 0, 0});
                    Value sum = g.newValue("add", act(r, s[0], s[1], s[2], s[3]));
                    g.addNode("add" + i, OpKind.ADD, new Attrs.Binary(activation(r)), List.of(x, b), List.of(sum));
                    yield sum;
                }
            };
            if (y != x) outs.add(y);
            x = y;
        }
        outs.add(fullyConnected(g, r, x, 1 + r.nextInt(21)));
        for (Value v : keepAll ? outs : outs.subList(Math.max(0, outs.size() - 2), outs.size())) g.addOutput(v);
        return g;
    }

    /** Channel counts of the 1x1 chains: each of the Helium 1x1 bodies' ranges (narrow <= 16, quad and wide beyond), odd counts and odd numbers of channel pairs. */
    private static final int[] POINTWISE_CHANNELS = {8, 48, 17, 3, 144, 24, 67, 1, 16, 7, 96, 113, 40, 480, 64};

    /**
     * A chain of 1x1 stride-1 convolutions (the Helium 1x1 bodies' layers) on an image of 3..9 x 3..9 pixels (odd
     * pixel counts included), its channel counts POINTWISE_CHANNELS rotated by the seed so that every graph
     * crosses every range, each layer with its own random activation (NONE, RELU, RELU6) and per-channel scales
     * (left and right shifts); keepAll as in {@link #generate}.
     */
    static Graph pointwise(long seed, boolean keepAll) {
        return pointwise(seed, keepAll, 0);
    }

    /**
     * {@link #pointwise(long, boolean)} on a side x side image (side 0: random sizes); a 3x3 image makes the 1x1s with
     * 64 or more input channels take the wide body (groups of 3 pixels) rather than the quad body, one pixel those with
     * 17 to 96 the 2 x 4 blocks.
     */
    static Graph pointwise(long seed, boolean keepAll, int side) {
        Random r = new Random(seed);
        Graph g = new Graph("mve_pw_" + seed);
        int n = POINTWISE_CHANNELS.length, start = (int) Math.floorMod(seed, (long) n);
        int h = 3 + r.nextInt(7), w = 3 + r.nextInt(7);
        Value x = g.addInput("in", act(r, 1, side > 0 ? side : h, side > 0 ? side : w, POINTWISE_CHANNELS[start]));
        List<Value> outs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            x = conv(g, r, x, POINTWISE_CHANNELS[(start + i) % n], 1, 1, 1, 1, new int[] {0, 0, 0, 0});
            outs.add(x);
        }
        for (Value v : keepAll ? outs : outs.subList(outs.size() - 1, outs.size())) g.addOutput(v);
        return g;
    }

    /**
     * First layers (the gathered-taps convolution body, conv/conv_s8_mve_body.h): an image of 1, 3 or 4 channels, 2..9
     * rows, 3..100 columns (wide rows put the gather offsets past 255: the column body then runs), two convolutions of
     * 1x1 to 5x5 filters (at most 32 taps, or a few more), strides 1 and 2, random padding per side, 8 to 32 output
     * channels (and 12, not a multiple of 8), each with its own activation, zero points and scales; every output compared.
     */
    static Graph firstLayers(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("mve_first_" + seed);
        int c = new int[] {1, 3, 4}[r.nextInt(3)];
        Value x = g.addInput("in", act(r, 1, 2 + r.nextInt(8), 3 + r.nextInt(98), c));
        List<Value> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int in = x.type().dim(3), max = in == 1 ? 5 : 3;
            int kh = 1 + r.nextInt(max), kw = 1 + r.nextInt(max);
            int[] pads = {r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw)};
            int oc = i == 0 ? new int[] {8, 16, 24, 32, 12}[r.nextInt(5)] : 8 * (1 + r.nextInt(2));
            Value y = conv(g, r, x, oc, kh, kw, 1 + r.nextInt(2), 1, pads);
            if (y == x) continue;
            outs.add(y);
            // the second layer's input: back to 1..4 channels through a 1x1, so that its taps stay few
            x = i == 0 ? conv(g, r, y, 1 + r.nextInt(4), 1, 1, 1, 1, new int[] {0, 0, 0, 0}) : y;
            if (i == 0) outs.add(x);
        }
        for (Value v : outs) g.addOutput(v);
        return g;
    }

    /**
     * Residual ADDs (the Helium ADD body, add/add_s8_mve_body.h): two inputs of the same shape (256 to about 4000
     * elements, sizes that are and are not multiples of 16), three ADDs with their own scales (either input the larger),
     * zero points and activations (NONE: the full int8 range; RELU, RELU6: narrower), one in place when its input dies;
     * every output compared.
     */
    static Graph adds(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("mve_add_" + seed);
        int h = 2 + r.nextInt(8), w = 2 + r.nextInt(8), c = 1 + r.nextInt(64);
        while (h * w * c < 256) c += 16;
        Value a = g.addInput("a", act(r, 1, h, w, c)), b = g.addInput("b", act(r, 1, h, w, c));
        Value s1 = g.newValue("add", act(r, 1, h, w, c));
        g.addNode("add1", OpKind.ADD, new Attrs.Binary(activation(r)), List.of(a, b), List.of(s1));
        Value s2 = g.newValue("add", act(r, 1, h, w, c));
        g.addNode("add2", OpKind.ADD, new Attrs.Binary(activation(r)), List.of(s1, a), List.of(s2));
        Value s3 = g.newValue("add", act(r, 1, h, w, c));
        g.addNode("add3", OpKind.ADD, new Attrs.Binary(activation(r)), List.of(b, s2), List.of(s3));
        g.addOutput(s1);
        g.addOutput(s3);
        return g;
    }

    /**
     * A PyTorch model's head (the Helium TRANSPOSE and MEAN kernels): an NHWC image of 1..200 channels and 1..7 x 1..7
     * pixels moved to NCHW (the last axis forward: 16-lane rows up to 17 pixels, 8-lane rows beyond), then MEANs over
     * the innermost axes (W, then H; H and W at once, kept dims) with their own scales and zero points; MEANs over H
     * and W, and over W alone, of NHWC (channels innermost: the MEAN kernel's [outer][R][inner] path, predicated
     * channel tails), and the transpose back to NHWC (left to the portable code).
     */
    static Graph headMeans(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("mve_head_" + seed);
        int h = 1 + r.nextInt(7), w = 1 + r.nextInt(7), c = 1 + r.nextInt(200);
        Value x = g.addInput("in", act(r, 1, h, w, c));
        Value t = g.newValue("nchw", x.type().withShape(new int[] {1, c, h, w}));
        g.addNode("t", OpKind.TRANSPOSE, new Attrs.Transpose(new int[] {0, 3, 1, 2}), List.of(x), List.of(t));
        Value m1 = mean(g, r, t, new int[] {3}, new int[] {1, c, h});
        Value m2 = mean(g, r, m1, new int[] {2}, new int[] {1, c});
        Value m3 = mean(g, r, t, new int[] {2, 3}, new int[] {1, c, 1, 1});
        Value m4 = mean(g, r, x, new int[] {1, 2}, new int[] {1, c});
        Value m5 = mean(g, r, x, new int[] {2}, new int[] {1, h, c});
        Value back = g.newValue("nhwc", x.type());
        g.addNode("back", OpKind.TRANSPOSE, new Attrs.Transpose(new int[] {0, 2, 3, 1}), List.of(t), List.of(back));
        for (Value v : List.of(t, m1, m2, m3, m4, m5, back)) g.addOutput(v);
        return g;
    }

    private static Value mean(Graph g, Random r, Value x, int[] axes, int[] shape) {
        int zp = new int[] {-128, 127, 0, r.nextInt(256) - 128}[r.nextInt(4)];
        Value y = g.newValue("mean", new TensorType(ElementType.INT8, shape, Quant.perTensor(0.01f + r.nextFloat() * 0.2f, zp)));
        g.addNode("mean" + g.nodes().size(), OpKind.MEAN, new Attrs.Reduce(axes, shape.length == x.type().shape().length),
                List.of(x), List.of(y));
        return y;
    }

    private static int pick(Random r) { return CHANNELS[r.nextInt(CHANNELS.length)]; }

    private static TensorType act(Random r, int n, int h, int w, int c) {
        int zp = new int[] {-128, 127, 0, -3, r.nextInt(256) - 128}[r.nextInt(5)];
        return new TensorType(ElementType.INT8, new int[] {n, h, w, c}, Quant.perTensor(0.01f + r.nextFloat() * 0.2f, zp));
    }

    private static Activation activation(Random r) {
        return new Activation[] {Activation.NONE, Activation.RELU, Activation.RELU6}[r.nextInt(3)];
    }

    private static Value conv(Graph g, Random r, Value a, int oc, int kh, int kw, int stride, int dilation, int[] pads) {
        int[] s = a.type().shape();
        int oh = (s[1] + pads[0] + pads[2] - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (s[2] + pads[1] + pads[3] - dilation * (kw - 1) - 1) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        Value w = g.newConstant("w", weights(r, new int[] {oc, kh, kw, s[3]}, oc, 0));
        Value y = g.newValue("conv", act(r, 1, oh, ow, oc));
        g.addNode("conv" + g.nodes().size(), OpKind.CONV_2D, new Attrs.Conv2D(pads, new int[] {stride, stride},
                new int[] {dilation, dilation}, activation(r)), Arrays.asList(a, w, bias(g, r, oc)), List.of(y));
        return y;
    }

    private static Value depthwise(Graph g, Random r, Value a, int k, int stride, boolean same) {
        int[] s = a.type().shape();
        int p = same ? k / 2 : 0;
        int[] pads = {p, p, p, p};
        int oh = (s[1] + 2 * p - k) / stride + 1, ow = (s[2] + 2 * p - k) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        int mult = s[3] == 1 ? 1 + r.nextInt(8) : 1, oc = s[3] * mult;
        Value w = g.newConstant("dw_w", weights(r, new int[] {1, k, k, oc}, oc, 3));
        Value y = g.newValue("dw", act(r, 1, oh, ow, oc));
        g.addNode("dw" + g.nodes().size(), OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(pads, new int[] {stride, stride},
                new int[] {1, 1}, mult, activation(r)), Arrays.asList(a, w, bias(g, r, oc)), List.of(y));
        return y;
    }

    private static Value fullyConnected(Graph g, Random r, Value a, int units) {
        int depth = (int) a.type().elementCount();
        Value w = g.newConstant("fc_w", weights(r, new int[] {units, depth}, units, 0));
        Value y = g.newValue("fc", new TensorType(ElementType.INT8, new int[] {1, units},
                Quant.perTensor(0.05f + r.nextFloat(), r.nextInt(256) - 128)));
        g.addNode("fc" + g.nodes().size(), OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(activation(r), false),
                Arrays.asList(a, w, bias(g, r, units)), List.of(y));
        return y;
    }

    /** Symmetric int8 weights with per-channel scales from 0.0005 to 0.5. */
    private static Tensor weights(Random r, int[] shape, int channels, int axis) {
        float[] scales = new float[channels];
        for (int i = 0; i < channels; i++) scales[i] = (float) (0.0005 * Math.pow(1000, r.nextDouble()));
        TensorType tt = new TensorType(ElementType.INT8, shape, new Quant(scales, new int[channels], axis));
        byte[] data = new byte[Math.toIntExact(tt.elementCount())];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(255) - 127);
        return Tensor.wrap(tt, data);
    }

    /** An int32 bias, or none (a quarter of the layers). */
    private static Value bias(Graph g, Random r, int n) {
        if (r.nextInt(4) == 0) return null;
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(20001) - 10000;
        return g.newConstant("b", Tensor.wrap(new TensorType(ElementType.INT32, n), b));
    }
}
