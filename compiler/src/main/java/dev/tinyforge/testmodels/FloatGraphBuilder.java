package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds float32 IR graphs layer by layer, computing output shapes and SAME/VALID pads the way TFLite
 * does. Layers without given weights draw them from a seeded {@link Random} (He-normal weights, small
 * uniform biases), so a generator with a fixed seed always builds the same graph. The float graph is
 * then calibrated and quantized by {@link PostTrainingQuantizer}.
 */
public final class FloatGraphBuilder {

    public enum Padding { SAME, VALID }

    private final Graph g;
    private final Random rng;

    public FloatGraphBuilder(String name, long seed) {
        this.g = new Graph(name);
        this.rng = new Random(seed);
    }

    public Graph graph() { return g; }

    public Value input(String name, int... shape) { return g.addInput(name, f32(shape)); }

    public void output(Value v) { g.addOutput(v); }

    // ---- convolutions ----

    public Value conv(String name, Value x, int outC, int k, int stride, Padding p, Activation act) {
        int inC = x.type().dim(3);
        return conv(name, x, heNormal(outC * k * k * inC, k * k * inC), new int[] {outC, k, k, inC},
                smallBias(outC), new int[] {stride, stride}, new int[] {1, 1}, p, act);
    }

    public Value conv(String name, Value x, float[] w, int[] wShape, float[] bias, int[] strides, int[] dilations,
                      Padding p, Activation act) {
        int[] pads = pads(x, wShape[1], wShape[2], strides, dilations, p);
        int[] out = {x.type().dim(0), outSize(x.type().dim(1), wShape[1], strides[0], dilations[0], pads[0] + pads[2]),
                outSize(x.type().dim(2), wShape[2], strides[1], dilations[1], pads[1] + pads[3]), wShape[0]};
        return node(name, OpKind.CONV_2D, new Attrs.Conv2D(pads, strides, dilations, act), out,
                x, constant(name + "/weights", wShape, w), bias == null ? null : constant(name + "/bias", new int[] {wShape[0]}, bias));
    }

    public Value depthwise(String name, Value x, int k, int stride, int multiplier, Padding p, Activation act) {
        int outC = x.type().dim(3) * multiplier;
        return depthwise(name, x, heNormal(k * k * outC, k * k), new int[] {1, k, k, outC}, smallBias(outC),
                new int[] {stride, stride}, multiplier, p, act);
    }

    public Value depthwise(String name, Value x, float[] w, int[] wShape, float[] bias, int[] strides, int multiplier,
                           Padding p, Activation act) {
        int[] dil = {1, 1};
        int[] pads = pads(x, wShape[1], wShape[2], strides, dil, p);
        int[] out = {x.type().dim(0), outSize(x.type().dim(1), wShape[1], strides[0], 1, pads[0] + pads[2]),
                outSize(x.type().dim(2), wShape[2], strides[1], 1, pads[1] + pads[3]), wShape[3]};
        return node(name, OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(pads, strides, dil, multiplier, act), out,
                x, constant(name + "/weights", wShape, w), bias == null ? null : constant(name + "/bias", new int[] {wShape[3]}, bias));
    }

    /** Fully connected on [batch, in]. */
    public Value fc(String name, Value x, int outN, Activation act) {
        int in = x.type().dim(-1);
        return fc(name, x, heNormal(outN * in, in), new int[] {outN, in}, smallBias(outN), act);
    }

    public Value fc(String name, Value x, float[] w, int[] wShape, float[] bias, Activation act) {
        int batch = (int) (x.type().elementCount() / wShape[1]);
        return node(name, OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(act, false), new int[] {batch, wShape[0]},
                x, constant(name + "/weights", wShape, w), bias == null ? null : constant(name + "/bias", new int[] {wShape[0]}, bias));
    }

    // ---- pooling and reductions ----

    public Value avgPool(String name, Value x, int k, int stride, Padding p) { return pool(name, OpKind.AVERAGE_POOL_2D, x, k, stride, p); }

    public Value maxPool(String name, Value x, int k, int stride, Padding p) { return pool(name, OpKind.MAX_POOL_2D, x, k, stride, p); }

    /** AVERAGE_POOL_2D over the whole H x W (VALID), giving [N, 1, 1, C]. */
    public Value globalAvgPool(String name, Value x) {
        int h = x.type().dim(1), w = x.type().dim(2);
        return node(name, OpKind.AVERAGE_POOL_2D, new Attrs.Pool2D(new int[] {h, w}, new int[] {1, 1}, new int[4], Activation.NONE),
                new int[] {x.type().dim(0), 1, 1, x.type().dim(3)}, x);
    }

    private Value pool(String name, OpKind kind, Value x, int k, int stride, Padding p) {
        int[] strides = {stride, stride};
        int[] pads = pads(x, k, k, strides, new int[] {1, 1}, p);
        int[] out = {x.type().dim(0), outSize(x.type().dim(1), k, stride, 1, pads[0] + pads[2]),
                outSize(x.type().dim(2), k, stride, 1, pads[1] + pads[3]), x.type().dim(3)};
        return node(name, kind, new Attrs.Pool2D(new int[] {k, k}, strides, pads, Activation.NONE), out, x);
    }

    public Value mean(String name, Value x, int[] axes, boolean keepDims) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < x.type().rank(); d++) {
            final int dim = d;
            boolean reduced = Arrays.stream(axes).anyMatch(a -> a == dim);
            if (!reduced) out.add(x.type().dim(d));
            else if (keepDims) out.add(1);
        }
        return node(name, OpKind.MEAN, new Attrs.Reduce(axes, keepDims), out.stream().mapToInt(Integer::intValue).toArray(), x);
    }

    // ---- elementwise ----

    public Value add(String name, Value a, Value b, Activation act) { return binary(name, OpKind.ADD, new Attrs.Binary(act), a, b); }

    public Value sub(String name, Value a, Value b, Activation act) { return binary(name, OpKind.SUB, new Attrs.Binary(act), a, b); }

    public Value mul(String name, Value a, Value b, Activation act) { return binary(name, OpKind.MUL, new Attrs.Binary(act), a, b); }

    public Value maximum(String name, Value a, Value b) { return binary(name, OpKind.MAXIMUM, Attrs.None.INSTANCE, a, b); }

    public Value minimum(String name, Value a, Value b) { return binary(name, OpKind.MINIMUM, Attrs.None.INSTANCE, a, b); }

    /** PRELU with a per-channel slope broadcast over [1, 1, C]. */
    public Value prelu(String name, Value x, float[] alpha) {
        Value a = constant(name + "/alpha", new int[] {1, 1, alpha.length}, alpha);
        return binary(name, OpKind.PRELU, Attrs.None.INSTANCE, x, a);
    }

    private Value binary(String name, OpKind kind, Attrs attrs, Value a, Value b) {
        return node(name, kind, attrs, broadcast(a.type().shape(), b.type().shape()), a, b);
    }

    public Value unary(String name, OpKind kind, Value x) { return node(name, kind, Attrs.None.INSTANCE, x.type().shape(), x); }

    public Value softmax(String name, Value x) { return node(name, OpKind.SOFTMAX, new Attrs.Softmax(1f), x.type().shape(), x); }

    public Value leakyRelu(String name, Value x, float alpha) {
        return node(name, OpKind.LEAKY_RELU, new Attrs.LeakyRelu(alpha), x.type().shape(), x);
    }

    /** A float constant tensor, e.g. the second operand of a MUL. */
    public Value constant(String name, int[] shape, float[] data) {
        return g.newConstant(name, Tensor.wrap(f32(shape), data.clone()));
    }

    public float[] uniform(int n, float lo, float hi) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) r[i] = lo + (hi - lo) * rng.nextFloat();
        return r;
    }

    // ---- data movement ----

    public Value concat(String name, int axis, Value... parts) {
        int[] out = parts[0].type().shape();
        out[axis] = 0;
        for (Value p : parts) out[axis] += p.type().dim(axis);
        return node(name, OpKind.CONCATENATION, new Attrs.Concat(axis, Activation.NONE), out, parts);
    }

    /** Zero padding; {@code pads} is {before, after} per dimension. */
    public Value pad(String name, Value x, int... pads) {
        int[] out = x.type().shape();
        for (int d = 0; d < out.length; d++) out[d] += pads[2 * d] + pads[2 * d + 1];
        return node(name, OpKind.PAD, new Attrs.Pad(pads, 0.0), out, x);
    }

    public Value reshape(String name, Value x, int... shape) { return node(name, OpKind.RESHAPE, Attrs.None.INSTANCE, shape, x); }

    public Value transpose(String name, Value x, int... perm) {
        int[] out = new int[perm.length];
        for (int d = 0; d < perm.length; d++) out[d] = x.type().dim(perm[d]);
        return node(name, OpKind.TRANSPOSE, new Attrs.Transpose(perm), out, x);
    }

    /** A strided slice; with {@code shrink}, size-1 dimensions of the result are dropped. */
    public Value stridedSlice(String name, Value x, int[] begin, int[] strides, int[] sizes, boolean shrink) {
        int[] out = shrink ? Arrays.stream(sizes).filter(s -> s != 1).toArray() : sizes.clone();
        return node(name, OpKind.STRIDED_SLICE, new Attrs.StridedSlice(begin, strides, sizes), out, x);
    }

    public Value[] split(String name, Value x, int axis, int... sizes) {
        List<Value> outs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int[] s = x.type().shape();
            s[axis] = sizes[i];
            outs.add(g.newValue(name + "_" + i, f32(s)));
        }
        g.addNode(name, OpKind.SPLIT, new Attrs.Split(axis, sizes), List.of(x), outs);
        return outs.toArray(new Value[0]);
    }

    public Value pack(String name, int axis, Value... parts) {
        int[] in = parts[0].type().shape();
        int[] out = new int[in.length + 1];
        for (int d = 0, s = 0; d < out.length; d++) out[d] = d == axis ? parts.length : in[s++];
        return node(name, OpKind.PACK, new Attrs.Axis(axis), out, parts);
    }

    public Value[] unpack(String name, Value x, int axis) {
        int[] in = x.type().shape();
        int[] piece = new int[in.length - 1];
        for (int d = 0, s = 0; d < in.length; d++) if (d != axis) piece[s++] = in[d];
        List<Value> outs = new ArrayList<>();
        for (int i = 0; i < in[axis]; i++) outs.add(g.newValue(name + "_" + i, f32(piece)));
        g.addNode(name, OpKind.UNPACK, new Attrs.Axis(axis), List.of(x), outs);
        return outs.toArray(new Value[0]);
    }

    public Value resize(String name, OpKind kind, Value x, int h, int w, boolean alignCorners, boolean halfPixelCenters) {
        return node(name, kind, new Attrs.Resize(alignCorners, halfPixelCenters),
                new int[] {x.type().dim(0), h, w, x.type().dim(3)}, x);
    }

    /** QUANTIZE / DEQUANTIZE mark where the quantized model converts; in the float graph they pass values through. */
    public Value quantize(String name, Value x) { return unary(name, OpKind.QUANTIZE, x); }

    public Value dequantize(String name, Value x) { return unary(name, OpKind.DEQUANTIZE, x); }

    // ---- helpers ----

    private Value node(String name, OpKind kind, Attrs attrs, int[] outShape, Value... ins) {
        Value out = g.newValue(name, f32(outShape));
        g.addNode(out.name(), kind, attrs, Arrays.asList(ins), List.of(out));
        return out;
    }

    private static TensorType f32(int... shape) { return new TensorType(ElementType.FLOAT32, shape); }

    private float[] heNormal(int n, int fanIn) {
        double std = Math.sqrt(2.0 / fanIn);
        float[] r = new float[n];
        for (int i = 0; i < n; i++) r[i] = (float) (rng.nextGaussian() * std);
        return r;
    }

    private float[] smallBias(int n) { return uniform(n, -0.1f, 0.1f); }

    /** {top, left, bottom, right} for SAME (TFLite's rule, the odd pixel after) or VALID. */
    static int[] pads(Value x, int kh, int kw, int[] strides, int[] dilations, Padding p) {
        if (p == Padding.VALID) return new int[4];
        int[] h = same(x.type().dim(1), kh, strides[0], dilations[0]);
        int[] w = same(x.type().dim(2), kw, strides[1], dilations[1]);
        return new int[] {h[0], w[0], h[1], w[1]};
    }

    private static int[] same(int in, int k, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + (k - 1) * dilation + 1 - in);
        return new int[] {total / 2, total - total / 2};
    }

    private static int outSize(int in, int k, int stride, int dilation, int padTotal) {
        return (in + padTotal - ((k - 1) * dilation + 1)) / stride + 1;
    }

    private static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            out[i] = Math.max(da, db);
        }
        return out;
    }
}
