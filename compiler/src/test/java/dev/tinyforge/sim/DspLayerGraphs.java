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
 * Random int8 chains of the layers the DSP kernels specialize, with the parameters those kernels branch on
 * varied: channel counts 1, 3, odd, even and large (past the 32-channel constant chunks and the 512-channel
 * tile limit), 1x1 convolutions with strides 1 and 2, general 3x3 convolutions, 3x3/5x5/7x7 depthwise with
 * strides 1 and 2 and SAME or VALID padding (including rows wider than the depthwise row buffer), one input
 * channel with a depth multiplier and a non-square filter of up to 80 taps, zero
 * points anywhere in int8, per-channel weight scales, activations NONE/RELU/RELU6, and output scales that
 * give right shifts from 1 to beyond 24 and left shifts (the kernels' generic requantization path), 1x1 layers with
 * dead channels (tiny weight scale, bias near 2^30: constant outputs, or past the specialized kernel's range), 1x1
 * layers over 513..600 input channels (the chunked columns) and small 1x1 filters (int16 words), average pooling; residual
 * ADDs where a layer keeps the shape; sometimes a final FULLY_CONNECTED.
 * Same seed, same graph.
 */
final class DspLayerGraphs {
    private DspLayerGraphs() {}

    static Graph generate(long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("dsp_layers_" + seed);
        boolean wide = seed % 7 == 3;
        int h = wide ? 3 + r.nextInt(3) : 3 + r.nextInt(10), w = wide ? 280 + r.nextInt(40) : 3 + r.nextInt(12);
        boolean oneChannelFirst = seed % 5 == 1; // micro_speech's form: a depthwise multiplier over one channel
        int c = oneChannelFirst ? 1 : channels(r, wide);
        Value x = g.addInput("in", act(r, h, w, c));
        if (oneChannelFirst) x = oneChannelDepthwise(g, r, x, 1 + r.nextInt(2), r.nextBoolean());
        if (seed % 5 == 3) {
            // a small 1x1 filter (at most 4 KB) over the input map (at least 9 pixels): the per-layer kernel keeps it as
            // int16 words (*_dsp_wide_layer)
            int inC = x.type().shape()[3];
            x = conv(g, r, x, 1 + r.nextInt(Math.max(1, Math.min(64, 4096 / inC))), 1, 1, false, false);
        }
        int layers = 2 + r.nextInt(4);
        for (int i = 0; i < layers; i++) {
            int[] s = x.type().shape();
            Value before = x;
            x = switch (r.nextInt(5)) {
                case 0, 1 -> conv(g, r, x, channels(r, wide), 1, s[1] > 3 && r.nextInt(3) == 0 ? 2 : 1, false);
                case 2 -> conv(g, r, x, channels(r, wide), 3, 1 + r.nextInt(2), r.nextBoolean());
                default -> depthwise(g, r, x, new int[] {3, 3, 5, 7}[r.nextInt(4)], 1 + r.nextInt(2), r.nextBoolean());
            };
            if (x != before && java.util.Arrays.equals(x.type().shape(), before.type().shape()) && r.nextBoolean()) {
                // a residual ADD (the DSP ADD kernel tabulates each input's rescale)
                int[] o = x.type().shape();
                // TFLite needs the output scale above the inputs' (its rescale multipliers lie in (0, 1))
                float in = Math.max(before.type().quant().scales()[0], x.type().quant().scales()[0]);
                Value sum = g.newValue("add", new TensorType(ElementType.INT8, new int[] {1, o[1], o[2], o[3]},
                        Quant.perTensor(in * (1 + 2 * r.nextFloat()), r.nextInt(256) - 128)));
                g.addNode("add" + g.nodes().size(), OpKind.ADD, new Attrs.Binary(activation(r)), List.of(before, x), List.of(sum));
                x = sum;
            }
        }
        if (seed % 5 == 4 || seed % 5 == 2) {
            // past the 512-channel columns: a 1x1 layer widens to 513..600 channels and the next one (odd output channel
            // counts included) reads them chunk at a time (tf_conv_s8_1x1*_dsp_chunked_layer), past about 220 output
            // channels in several passes over staged outputs
            x = conv(g, r, x, 513 + r.nextInt(88), 1, 1, false);
            x = conv(g, r, x, 1 + r.nextInt(320), 1, 1, false);
        }
        if (seed % 5 == 1) x = averagePool(g, r, x);
        // a 1x1 layer with a left shift: the per-layer DSP 1x1 kernel declines it, so the generic tf_conv_s8_1x1*_dsp run
        if (seed % 5 == 2) x = leftShiftPointwise(g, r, x);
        if (seed % 2 == 1 || r.nextInt(3) == 0) x = fullyConnected(g, r, x, 1 + r.nextInt(40));
        g.addOutput(x);
        return g;
    }

    /**
     * AVERAGE_POOL_2D (tf_avgpool_s8_dsp: 4 channels per SXTAB16 step, the rest one by one): a window of 1..6 x 1..6 or
     * the whole map, stride 1..3, SAME (clipped windows) or VALID; input and output share the quantization (TFLite's rule).
     */
    private static Value averagePool(Graph g, Random r, Value a) {
        int[] s = a.type().shape();
        boolean global = r.nextInt(3) == 0, same = !global && r.nextBoolean();
        int fh = global ? s[1] : Math.min(s[1], 1 + r.nextInt(6)), fw = global ? s[2] : Math.min(s[2], 1 + r.nextInt(6));
        int sh = global ? 1 : 1 + r.nextInt(3), sw = global ? 1 : 1 + r.nextInt(3);
        int oh = same ? (s[1] + sh - 1) / sh : (s[1] - fh) / sh + 1, ow = same ? (s[2] + sw - 1) / sw : (s[2] - fw) / sw + 1;
        int padH = same ? Math.max(0, (oh - 1) * sh + fh - s[1]) : 0, padW = same ? Math.max(0, (ow - 1) * sw + fw - s[2]) : 0;
        Value y = g.newValue("pool", new TensorType(ElementType.INT8, new int[] {1, oh, ow, s[3]}, a.type().quant()));
        g.addNode("pool" + g.nodes().size(), OpKind.AVERAGE_POOL_2D, new Attrs.Pool2D(new int[] {fh, fw}, new int[] {sh, sw},
                new int[] {padH / 2, padW / 2, padH - padH / 2, padW - padW / 2}, activation(r)), List.of(a), List.of(y));
        return y;
    }

    /** FULLY_CONNECTED over the channels (TFLite flattens to [pixels, channels]), symmetric per-tensor weights. */
    private static Value fullyConnected(Graph g, Random r, Value a, int outDepth) {
        int[] s = a.type().shape();
        int batches = s[1] * s[2], in = s[3];
        float ws = 0.002f + r.nextFloat() * 0.02f;
        TensorType wt = new TensorType(ElementType.INT8, new int[] {outDepth, in}, Quant.perTensor(ws, 0));
        byte[] data = new byte[outDepth * in];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(255) - 127);
        Value wv = g.newConstant("fc_w", Tensor.wrap(wt, data));
        Value bv = g.newConstant("fc_b", bias(r, outDepth));
        float outScale = a.type().quant().scales()[0] * ws * (float) Math.sqrt(in) * (20 + r.nextInt(200));
        Value y = g.newValue("fc", new TensorType(ElementType.INT8, new int[] {batches, outDepth},
                Quant.perTensor(outScale, r.nextInt(256) - 128)));
        g.addNode("fc" + g.nodes().size(), OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(activation(r), false), List.of(a, wv, bv),
                List.of(y));
        return y;
    }

    private static int channels(Random r, boolean wide) {
        if (wide) return 1 + r.nextInt(6);
        return switch (r.nextInt(6)) {
            case 0 -> 1;
            case 1 -> 3;
            case 2 -> 2 * r.nextInt(20) + 1;
            case 3 -> 33 + r.nextInt(80);
            case 4 -> r.nextInt(8) == 0 ? 520 + r.nextInt(40) : 64 + 4 * r.nextInt(20);
            default -> 4 + 4 * r.nextInt(6);
        };
    }

    private static TensorType act(Random r, int h, int w, int c) {
        return new TensorType(ElementType.INT8, new int[] {1, h, w, c}, Quant.perTensor(0.01f + r.nextFloat() * 0.2f,
                r.nextInt(256) - 128));
    }

    /** Output quantization whose effective scales (in * w / out) land in a chosen shift range. */
    private static TensorType out(Random r, Value in, float weightScale, int taps, int h, int w, int c) {
        float inScale = in.type().quant().scales()[0];
        int kind = r.nextInt(10);
        // typical: accumulators of taps products map onto int8; rarely a left shift or a tiny scale
        float outScale = kind == 0 ? inScale * weightScale * 0.7f
                : kind == 1 ? inScale * weightScale * (1 << 26)
                : inScale * weightScale * (float) Math.sqrt(taps) * (20 + r.nextInt(200));
        return new TensorType(ElementType.INT8, new int[] {1, h, w, c}, Quant.perTensor(outScale, r.nextInt(256) - 128));
    }

    private static Activation activation(Random r) {
        return new Activation[] {Activation.NONE, Activation.RELU, Activation.RELU6}[r.nextInt(3)];
    }

    private static Value conv(Graph g, Random r, Value a, int oc, int k, int stride, boolean same) {
        return conv(g, r, a, oc, k, stride, same, true);
    }

    /** deadChannels: a 1x1 layer may get dead channels (which may take it past the specialized kernel's range). */
    private static Value conv(Graph g, Random r, Value a, int oc, int k, int stride, boolean same, boolean deadChannels) {
        int[] s = a.type().shape();
        int pad = same ? k / 2 : 0;
        int oh = (s[1] + 2 * pad - k) / stride + 1, ow = (s[2] + 2 * pad - k) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        float ws = 0.002f + r.nextFloat() * 0.02f;
        Tensor wt = weights(r, new int[] {oc, k, k, s[3]}, oc, 0, ws), bt = bias(r, oc);
        if (k == 1 && deadChannels && r.nextInt(3) == 0) {
            // dead channels of trained models: a tiny weight scale (a shift far past 24) and a bias near 2^30
            wt.type().quant().scales()[0] *= 1e-5f;
            bt.int32()[oc - 1] = (r.nextBoolean() ? 1 : -1) * ((1 << 30) - r.nextInt(1 << 20));
        }
        Value wv = g.newConstant("w", wt);
        Value bv = g.newConstant("b", bt);
        Value y = g.newValue("conv", out(r, a, ws, k * k * s[3], oh, ow, oc));
        g.addNode("conv" + g.nodes().size(), OpKind.CONV_2D, new Attrs.Conv2D(new int[] {pad, pad, pad, pad},
                new int[] {stride, stride}, new int[] {1, 1}, activation(r)), List.of(a, wv, bv), List.of(y));
        return y;
    }

    /** A 1x1 stride-1 convolution whose effective scale exceeds 1 (a left shift in TFLite's requantization). */
    private static Value leftShiftPointwise(Graph g, Random r, Value a) {
        int[] s = a.type().shape();
        int oc = 1 + r.nextInt(40);
        float ws = 0.002f + r.nextFloat() * 0.02f;
        Value wv = g.newConstant("w", weights(r, new int[] {oc, 1, 1, s[3]}, oc, 0, ws));
        Value bv = g.newConstant("b", bias(r, oc));
        TensorType ot = new TensorType(ElementType.INT8, new int[] {1, s[1], s[2], oc},
                Quant.perTensor(a.type().quant().scales()[0] * ws * 0.3f, r.nextInt(256) - 128));
        Value y = g.newValue("conv", ot);
        g.addNode("conv" + g.nodes().size(), OpKind.CONV_2D, new Attrs.Conv2D(new int[] {0, 0, 0, 0}, new int[] {1, 1},
                new int[] {1, 1}, activation(r)), List.of(a, wv, bv), List.of(y));
        return y;
    }

    private static Value depthwise(Graph g, Random r, Value a, int k, int stride, boolean same) {
        int[] s = a.type().shape();
        if (s[3] == 1 && r.nextBoolean()) return oneChannelDepthwise(g, r, a, stride, same);
        int pad = same ? k / 2 : 0;
        int oh = (s[1] + 2 * pad - k) / stride + 1, ow = (s[2] + 2 * pad - k) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        float ws = 0.002f + r.nextFloat() * 0.02f;
        Value wv = g.newConstant("dw_w", weights(r, new int[] {1, k, k, s[3]}, s[3], 3, ws));
        Value bv = g.newConstant("dw_b", bias(r, s[3]));
        Value y = g.newValue("dw", out(r, a, ws, k * k, oh, ow, s[3]));
        g.addNode("dw" + g.nodes().size(), OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {pad, pad, pad, pad},
                new int[] {stride, stride}, new int[] {1, 1}, 1, activation(r)), List.of(a, wv, bv), List.of(y));
        return y;
    }

    /** One input channel, a depth multiplier of 2 to 9 and a non-square filter of up to 10x8 taps (micro_speech's first layer). */
    private static Value oneChannelDepthwise(Graph g, Random r, Value a, int stride, boolean same) {
        int[] s = a.type().shape();
        int kh = 2 + r.nextInt(9), kw = 2 + r.nextInt(7), mult = 2 + r.nextInt(8);
        int padH = same ? (kh - 1) / 2 : 0, padW = same ? (kw - 1) / 2 : 0;
        int oh = (s[1] + 2 * padH - kh) / stride + 1, ow = (s[2] + 2 * padW - kw) / stride + 1;
        if (oh < 1 || ow < 1) return a;
        float ws = 0.002f + r.nextFloat() * 0.02f;
        Value wv = g.newConstant("dw_w", weights(r, new int[] {1, kh, kw, mult}, mult, 3, ws));
        Value bv = g.newConstant("dw_b", bias(r, mult));
        Value y = g.newValue("dw", out(r, a, ws, kh * kw, oh, ow, mult));
        g.addNode("dw" + g.nodes().size(), OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {padH, padW, padH, padW},
                new int[] {stride, stride}, new int[] {1, 1}, mult, activation(r)), List.of(a, wv, bv), List.of(y));
        return y;
    }

    /** Per-channel symmetric weights, scales within a factor 2 of the given one. */
    private static Tensor weights(Random r, int[] shape, int channels, int axis, float scale) {
        float[] scales = new float[channels];
        int[] zps = new int[channels];
        for (int i = 0; i < channels; i++) scales[i] = scale * (0.5f + r.nextFloat());
        TensorType tt = new TensorType(ElementType.INT8, shape, new Quant(scales, zps, axis));
        byte[] data = new byte[Math.toIntExact(tt.elementCount())];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (r.nextInt(255) - 127);
        return Tensor.wrap(tt, data);
    }

    private static Tensor bias(Random r, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = r.nextInt(20001) - 10000;
        return Tensor.wrap(new TensorType(ElementType.INT32, n), b);
    }
}
