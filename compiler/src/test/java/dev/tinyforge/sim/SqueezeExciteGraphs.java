package dev.tinyforge.sim;

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
 * Random int8 graphs of the layers the per-layer DSP convolution and the MEAN / broadcast MUL fast paths handle:
 * a general CONV_2D first (3x3 over 3 channels as a first RGB layer, 3x3 over a multiple of 4 channels, 10x4 over
 * one channel, 5x5 with dilation 2; stride 1 or 2, SAME or VALID; odd and even output channel counts; zero points
 * anywhere), then a squeeze-and-excitation block: MEAN over H and W at once or W then H (mcunetv2's two steps), the
 * feature map times the per-channel means (broadcast MUL, the vector as either operand, activation NONE or RELU),
 * plus side outputs: MEAN over the channels (a reduction of the innermost axis), over H and C (not one contiguous
 * run: the generic walk), without keep_dims, and a MUL by a single value. Same seed, same graph.
 */
final class SqueezeExciteGraphs {
    private SqueezeExciteGraphs() {}

    static Graph generate(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("squeeze_excite_" + seed);
        int form = (int) (seed % 4);
        int h = 4 + r.nextInt(14), w = 4 + r.nextInt(14);
        int inC = switch (form) { case 0 -> 3; case 1 -> 4 * (1 + r.nextInt(10)); case 2 -> 1; default -> 1 + r.nextInt(9); };
        Value x = g.addInput("in", act(r, h, w, inC));
        int outC = switch (r.nextInt(3)) { case 0 -> 1 + 2 * r.nextInt(12); case 1 -> 8 + 2 * r.nextInt(20); default -> 40 + r.nextInt(200); };
        int kh = form == 2 ? 10 : form == 3 ? 5 : 3, kw = form == 2 ? 4 : form == 3 ? 5 : 3, dil = form == 3 ? 2 : 1;
        x = conv(g, r, x, outC, kh, kw, 1 + r.nextInt(2), dil, r.nextBoolean());
        int[] s = x.type().shape();
        Value mean;
        if (r.nextBoolean()) {
            mean = mean(g, r, x, new int[] {1, 2}, true, new int[] {1, 1, 1, s[3]});
        } else {
            Value rows = mean(g, r, x, new int[] {2}, true, new int[] {1, s[1], 1, s[3]});
            mean = mean(g, r, rows, new int[] {1}, true, new int[] {1, 1, 1, s[3]});
        }
        Value scaled = mul(g, r, x, mean, s);
        g.addOutput(scaled);
        g.addOutput(mean(g, r, x, new int[] {3}, true, new int[] {1, s[1], s[2], 1}));
        g.addOutput(mean(g, r, x, new int[] {1, 3}, false, new int[] {1, s[2]}));
        g.addOutput(mean(g, r, x, new int[] {1, 2}, false, new int[] {1, s[3]}));
        Value one = g.addInput("scalar", act(r, 1, 1, 1));
        g.addOutput(mul(g, r, x, one, s));
        return g;
    }

    private static Value mean(Graph g, Random r, Value a, int[] axes, boolean keep, int[] outShape) {
        float scale = a.type().quant().scales()[0] * (0.3f + r.nextFloat() * 2f);
        Value y = g.newValue("mean", new TensorType(ElementType.INT8, outShape, Quant.perTensor(scale, r.nextInt(256) - 128)));
        g.addNode("mean" + g.nodes().size(), OpKind.MEAN, new Attrs.Reduce(axes, keep), List.of(a), List.of(y));
        return y;
    }

    /** The feature map a times the broadcast b (either operand order); output scale near the product's range. */
    private static Value mul(Graph g, Random r, Value a, Value b, int[] shape) {
        float product = a.type().quant().scales()[0] * b.type().quant().scales()[0];
        float scale = product * (30 + r.nextInt(300));
        Value y = g.newValue("mul", new TensorType(ElementType.INT8, shape, Quant.perTensor(scale, r.nextInt(256) - 128)));
        Activation act = r.nextBoolean() ? Activation.NONE : Activation.RELU;
        List<Value> in = r.nextBoolean() ? List.of(a, b) : List.of(b, a);
        g.addNode("mul" + g.nodes().size(), OpKind.MUL, new Attrs.Binary(act), in, List.of(y));
        return y;
    }

    private static Value conv(Graph g, Random r, Value a, int oc, int kh, int kw, int stride, int dil, boolean same) {
        int[] s = a.type().shape();
        int eh = dil * (kh - 1) + 1, ew = dil * (kw - 1) + 1;
        int padT = same ? (eh - 1) / 2 : 0, padL = same ? (ew - 1) / 2 : 0;
        int padB = same ? eh - 1 - padT : 0, padR = same ? ew - 1 - padL : 0;
        int oh = (s[1] + padT + padB - eh) / stride + 1, ow = (s[2] + padL + padR - ew) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        float ws = 0.002f + r.nextFloat() * 0.02f;
        float[] scales = new float[oc];
        for (int i = 0; i < oc; i++) scales[i] = ws * (0.5f + r.nextFloat());
        TensorType wt = new TensorType(ElementType.INT8, new int[] {oc, kh, kw, s[3]}, new Quant(scales, new int[oc], 0));
        byte[] data = new byte[Math.toIntExact(wt.elementCount())];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(255) - 127);
        int[] bias = new int[oc];
        for (int i = 0; i < oc; i++) bias[i] = r.nextInt(40001) - 20000;
        Value wv = g.newConstant("w", Tensor.wrap(wt, data));
        Value bv = g.newConstant("b", Tensor.wrap(new TensorType(ElementType.INT32, oc), bias));
        float outScale = a.type().quant().scales()[0] * ws * (float) Math.sqrt(kh * kw * s[3]) * (20 + r.nextInt(200));
        Value y = g.newValue("conv", new TensorType(ElementType.INT8, new int[] {1, oh, ow, oc},
                Quant.perTensor(outScale, r.nextInt(256) - 128)));
        Activation act = new Activation[] {Activation.NONE, Activation.RELU, Activation.RELU6}[r.nextInt(3)];
        g.addNode("conv" + g.nodes().size(), OpKind.CONV_2D, new Attrs.Conv2D(new int[] {padT, padL, padB, padR},
                new int[] {stride, stride}, new int[] {dil, dil}, act), List.of(a, wv, bv), List.of(y));
        return y;
    }

    private static TensorType act(Random r, int h, int w, int c) {
        return new TensorType(ElementType.INT8, new int[] {1, h, w, c}, Quant.perTensor(0.01f + r.nextFloat() * 0.2f,
                r.nextInt(256) - 128));
    }
}
