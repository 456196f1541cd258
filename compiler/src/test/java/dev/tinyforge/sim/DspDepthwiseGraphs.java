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
 * Chains of two equal depth-multiplier-1 int8 depthwise layers (the second reads the first's output, so the planner
 * may run it in place) for the paths of the DSP depthwise kernels, chosen by shape: the per-layer body (K 3, 5, 7,
 * strides 1 and 2, rows of 4, 2 and 1 outputs, filter rows in the padding skipped, groups under 4 channels) where its
 * ring fits, else the generic kernels: the pair layout for 3x3, 5x5, 7x7
 * with stride 1 or 2 on rows of at least 8 pixels, the word layout of the ring for narrow rows and groups whose
 * requantization is not the quick form, the tap-by-tap fallback for rows wider than the ring, channel counts with
 * left-over channels. Zero points anywhere in int8, per-channel weight scales (optionally spread so that some channel
 * groups leave the quick requantization's shift range), bias, SAME or VALID padding.
 */
final class DspDepthwiseGraphs {
    private DspDepthwiseGraphs() {}

    /** One layer shape: k x k filter, stride, SAME padding or VALID, h x w x c input, activation, scales spread. */
    record Case(int h, int w, int c, int k, int stride, boolean same, Activation act, boolean spreadScales) {
        int pad() { return same ? k / 2 : 0; }
        int outH() { return (h + 2 * pad() - k) / stride + 1; }
        int outW() { return (w + 2 * pad() - k) / stride + 1; }

        /**
         * DspDepthwiseKernels' shape conditions (the per-layer body, depthwise_conv_s8_dsp_body.h): K 3, 5 or 7, stride
         * 1 or 2, K ring rows of 4 channels fit 2560 bytes. Its requantization check may still send a layer whose
         * scales are spread to the generic kernels.
         */
        boolean layerFits() {
            int rowStride = ((outW() - 1) * stride + k + 2) & ~1;
            return (k == 3 || k == 5 || k == 7) && stride <= 2 && k * 4 * rowStride * 2 <= 2560;
        }

        /** tf_dw_ring_fits (runtime-c/src/common/tf_dw_ring_dsp.h): the filter's rows of the ring fit 720 words. */
        boolean ringFits() { return c >= 4 && k * ((outW() - 1) * stride + k) * 2 <= 720; }

        /** tf_dw_pair_fits (tf_dw_pair_dsp.h), taken where the group's requantization is the quick form. */
        boolean pairFits() {
            int cols = ((outW() - 1) * stride + k + 2) & ~1, rowWords = stride == 1 ? 2 * k : k + 1;
            return ringFits() && (stride == 1 || stride == 2) && outW() >= 8 && k * cols * 2 + k * 2 * rowWords <= 720;
        }

        @Override
        public String toString() {
            return h + "x" + w + "x" + c + " k" + k + " s" + stride + (same ? " same" : " valid") + " " + act
                    + (spreadScales ? " spread" : "");
        }
    }

    static Graph generate(Case cs, long seed) {
        Random r = new Random(seed);
        Graph g = new Graph("dsp_dw_" + seed);
        Value x = g.addInput("in", new TensorType(ElementType.INT8, new int[] {1, cs.h(), cs.w(), cs.c()},
                Quant.perTensor(0.02f + r.nextFloat() * 0.1f, r.nextInt(256) - 128)));
        for (int i = 0; i < 2; i++) x = depthwise(g, r, x, cs, i);
        g.addOutput(x);
        return g;
    }

    private static Value depthwise(Graph g, Random r, Value a, Case cs, int index) {
        int[] s = a.type().shape();
        int c = s[3], k = cs.k(), pad = cs.pad();
        int oh = (s[1] + 2 * pad - k) / cs.stride() + 1, ow = (s[2] + 2 * pad - k) / cs.stride() + 1;
        if (oh < 1 || ow < 1) return a;
        float ws = 0.002f + r.nextFloat() * 0.02f;
        float[] scales = new float[c];
        // spread: factors 2^-12 .. 2^12 move those channels' shifts out of [-23, -2] (generic requantization)
        for (int i = 0; i < c; i++) scales[i] = ws * (0.5f + r.nextFloat()) * (cs.spreadScales() && i % 5 == 1 ? (i % 2 == 0 ? 4096f : 1 / 4096f) : 1f);
        TensorType wt = new TensorType(ElementType.INT8, new int[] {1, k, k, c}, new Quant(scales, new int[c], 3));
        byte[] wd = new byte[k * k * c];
        for (int i = 0; i < wd.length; i++) wd[i] = (byte) (r.nextInt(255) - 127);
        Value wv = g.newConstant("dw_w", Tensor.wrap(wt, wd));
        int[] b = new int[c];
        for (int i = 0; i < c; i++) b[i] = r.nextInt(20001) - 10000;
        Value bv = g.newConstant("dw_b", Tensor.wrap(new TensorType(ElementType.INT32, c), b));
        float inScale = a.type().quant().scales()[0];
        float outScale = inScale * ws * k * (20 + r.nextInt(100));
        Value y = g.newValue("dw", new TensorType(ElementType.INT8, new int[] {1, oh, ow, c},
                Quant.perTensor(outScale, r.nextInt(256) - 128)));
        g.addNode("dw" + index, OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {pad, pad, pad, pad},
                new int[] {cs.stride(), cs.stride()}, new int[] {1, 1}, 1, cs.act()), List.of(a, wv, bv), List.of(y));
        return y;
    }
}
