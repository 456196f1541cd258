package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;

/**
 * The Helium (MVE) kernels of a DEPTHWISE_CONV_2D int8 layer with several input channels and multiplier 1: the
 * planar kernel (tf_depthwise_conv_s8_planar_mve) where a padded channel plane fits its stack buffer, with the
 * filter's window that reaches the image when a filter is larger than the padded image needs, else the
 * 4-channel-lane kernels. Folded biases as in {@link MveKernels}.
 */
final class MveDepthwise {
    private MveDepthwise() {}

    /** DEPTHWISE_CONV_2D int8 with several input channels: emits the MVE kernel call and returns true, or returns false. */
    static boolean depthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                     String inDims, String wDims, String outDims, InPlace ip) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        if (p.depthMultiplier() != 1) return false;
        if (lanesFits(x, f, out.type().shape(), p)) {
            lanes(n, ctx, code, p, params, quant, inDims, wDims, outDims);
            return true;
        }
        int[] win = reachableTaps(x, f, out.type().shape(), p);
        int wh = win[1] - win[0], ww = win[3] - win[2];
        if (MveDepthwiseBand.fits(x, wh, ww, out.type().shape(), p, win, ip)) {
            MveDepthwiseBand.emit(n, ctx, code, p, quant, inDims, wDims, outDims, params, win);
            return true;
        }
        if (planarFits(x, new int[] {1, wh, ww, f[3]}, out.type().shape(), p)) {
            if (bandFits(wh, ww, out.type().shape(), p)) {
                band(n, ctx, code, p, params, quant, inDims, wDims, outDims, win);
                return true;
            }
            // in place too: the kernel copies a band's inputs before writing the band's outputs (out == in)
            if (wh == f[1] && ww == f[2]) {
                code.call("tf_depthwise_conv_s8_planar_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w),
                        MveKernels.foldedBias(ctx, depthwiseSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out));
                return true;
            }
            // Taps that lie in the padding for every output pixel (a large filter on a small image) are left
            // out: the layer runs with the filter's window that reaches the image and the padding shifted to
            // match; TFLM skips those taps too, and the folded bias covers the window's taps only.
            byte[] sub = depthwiseWindow(w, win);
            String filter = ctx.declareArray("int8_t", "filter_window", sub.length, CLiterals.array(toInts(sub)));
            String windowDims = windowDims(ctx, win, f[3]), windowParams = windowParams(ctx, p, win);
            code.statement("(void)" + params + "; (void)" + wDims + "; /* the filter's window replaces them */");
            code.call("tf_depthwise_conv_s8_planar_mve", windowParams, quant, inDims, ctx.ptr(in), windowDims, filter,
                    MveKernels.foldedBias(ctx, windowSums(sub, f[3]), bias, p.inputOffset()), outDims, ctx.ptr(out));
            return true;
        }
        String folded = MveKernels.foldedBias(ctx, depthwiseSums(w), bias, p.inputOffset());
        if (ip != null) {
            code.call("tf_depthwise_conv_s8_inplace_mve", params, quant, inDims, wDims, ctx.ptr(w), ctx.ptr(bias), folded,
                    outDims, ctx.ptr(out), ctx.scratch(ip.scratch()));
        } else {
            code.call("tf_depthwise_conv_s8_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias), folded,
                    outDims, ctx.ptr(out));
        }
        return true;
    }

    /**
     * tf_depthwise_conv_s8_band_mve on the filter's window that reaches the image (all of it, or as in the planar
     * case with the padding shifted to match), its taps rearranged per channel in the kernel's order.
     */
    private static void band(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                             String inDims, String wDims, String outDims, int[] win) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int c = w.type().dim(3), wh = win[1] - win[0], ww = win[3] - win[2];
        byte[] sub = depthwiseWindow(w, win);
        String filter = ctx.declareArray("int8_t", "band_filter", bandChunks(wh, ww) * 16 * c,
                CLiterals.array(toInts(bandOrder(sub, wh, ww, c))));
        String windowDims = windowDims(ctx, win, c), windowParams = windowParams(ctx, p, win);
        code.statement("(void)" + params + "; (void)" + wDims + "; /* the filter's window replaces them */");
        code.call("tf_depthwise_conv_s8_band_mve", windowParams, quant, inDims, ctx.ptr(in), windowDims, filter,
                MveKernels.foldedBias(ctx, windowSums(sub, c), bias, p.inputOffset()), outDims, ctx.ptr(out));
    }

    /**
     * A small layer as a per-layer function (lN_dw_lanes_mve) calling the always-inline body of
     * depthwise_conv/depthwise_conv_s8_lanes_mve_body.h with its shapes, strides and padding as literal constants;
     * the filter rearranged in groups of 8 channels ({@link #lanesOrder}). In place too (out == in): the body copies
     * a group's inputs before writing its outputs, and writes only the group's channels.
     */
    private static void lanes(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                              String inDims, String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] x = in.type().shape(), f = w.type().shape(), y = out.type().shape();
        String filter = ctx.declareArray("int8_t", "lanes_filter", f[1] * f[2] * f[3],
                CLiterals.array(toInts(lanesOrder(w.constant().int8(), f[1], f[2], f[3]))));
        String b = bias != null ? ctx.ptr(bias) : ctx.declareInts("lanes_bias", new int[f[3]]);
        String fn = filter.replace("lanes_filter", "dw_lanes_mve");
        code.include("src/depthwise_conv/depthwise_conv_s8_lanes_mve_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_dw_lanes_mve_body(" + params + ", " + quant + ", " + filter + ", " + b + ", in, out, " + x[1] + ", " + x[2]
                + ", " + x[3] + ", " + f[1] + ", " + f[2] + ", " + p.strideH() + ", " + p.strideW() + ", " + p.padTop() + ", "
                + p.padLeft() + ", " + y[1] + ", " + y[2] + ", " + MveLayerBodies.shiftKind("TF_DWL_SHIFT_", p.shifts()) + ");");
        code.declare("}");
        code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /** TF_DWL_MAX_PIXELS, TF_DWL_MAX_KW and TF_DWL_MAX_OW of depthwise_conv_s8_lanes_mve_body.h. */
    static final int LANES_MAX_PIXELS = 100, LANES_MAX_KW = 8, LANES_MAX_OW = 10;

    /**
     * Input or output pixels up to which the lanes body pays (measured on mcunet-vww, person_detect and
     * mcunetv2-large, qemu-mps3-an547: 5x5 and 3x3 images run 1.5x to 3.7x faster than planar / band, 6x6 1.23x,
     * 7x7 1.17x to 1.25x, a 10x10 input to a 5x5 output 1.35x; a 10x10 output breaks even with a 3x3 filter and
     * runs slower with 5x5).
     */
    static final int LANES_PAY_PIXELS = 49;

    /**
     * Whether the per-layer lanes body covers a layer (multiplier 1 checked by the caller) and pays: one image,
     * dilation 1, channels a multiple of 8, the input within the body's stack copy, filter rows of at most
     * TF_DWL_MAX_KW taps, output rows of at most TF_DWL_MAX_OW pixels (unrolled); and a small input or output (at
     * most {@link #LANES_PAY_PIXELS} pixels), where the planar and band kernels' per-channel costs dominate and many
     * taps lie in the padding.
     */
    static boolean lanesFits(int[] x, int[] f, int[] y, ConvParams p) {
        return x.length == 4 && y.length == 4 && x[0] == 1 && p.dilationH() == 1 && p.dilationW() == 1 && x[3] % 8 == 0
                && x[3] == f[3] && (long) x[1] * x[2] <= LANES_MAX_PIXELS
                && Math.min((long) x[1] * x[2], (long) y[1] * y[2]) <= LANES_PAY_PIXELS && f[2] <= LANES_MAX_KW && y[2] <= LANES_MAX_OW
                && y[1] * y[2] > 0;
    }

    /**
     * A kh x kw x C depthwise filter (channels innermost, C a multiple of 8) in the lanes body's order: per group of
     * 8 channels its taps row by row, the group's 8 weights of a tap together.
     */
    static byte[] lanesOrder(byte[] v, int kh, int kw, int c) {
        byte[] r = new byte[v.length];
        for (int g = 0; g < c / 8; g++)
            for (int t = 0; t < kh * kw; t++)
                for (int i = 0; i < 8; i++) r[(g * kh * kw + t) * 8 + i] = v[t * c + g * 8 + i];
        return r;
    }

    /** Declares the dims of a filter window [fy0, fy1) x [fx0, fx1) of c channels; returns a pointer to them. */
    static String windowDims(EmitContext ctx, int[] win, int c) {
        return "&" + ctx.declare("tf_dims", "window_dims", "{1, " + (win[1] - win[0]) + ", " + (win[3] - win[2]) + ", " + c + "}");
    }

    /** Declares the layer's parameters with dilation 1 and the padding shifted to a filter window; returns a pointer. */
    private static String windowParams(EmitContext ctx, ConvParams p, int[] win) {
        return "&" + ctx.declare("tf_dw_conv_params", "window_params", "{" + p.inputOffset() + ", " + p.outputOffset() + ", 1, "
                + Structs.hw(p.strideH(), p.strideW()) + ", " + Structs.hw(1, 1) + ", "
                + Structs.hw(p.padTop() - win[0], p.padLeft() - win[2]) + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
    }

    /** 16-byte chunks per channel of the band kernel's filter: ceil(kh * kw / 16). */
    static int bandChunks(int kh, int kw) {
        return (kh * kw + 15) / 16;
    }

    /**
     * A kh x kw x C depthwise filter (channels innermost) in tf_depthwise_conv_s8_band_mve's order: per channel
     * its taps column by column (fx * kh + fy), zeros up to the chunks' 16 bytes each.
     */
    static byte[] bandOrder(byte[] v, int kh, int kw, int c) {
        int stride = bandChunks(kh, kw) * 16;
        byte[] r = new byte[stride * c];
        for (int ch = 0; ch < c; ch++)
            for (int fy = 0; fy < kh; fy++)
                for (int fx = 0; fx < kw; fx++) r[ch * stride + fx * kh + fy] = v[(fy * kw + fx) * c + ch];
        return r;
    }

    /** TF_DW_BAND_MAX and TF_DW_BAND_MAX_ROW of tf_kernels.h. */
    static final int BAND_MAX = 400, BAND_MAX_ROW = 96;

    /**
     * Whether tf_depthwise_conv_s8_band_mve covers a layer the planar kernel covers with a kh x kw filter (window):
     * dilation 1, at most 16 filter rows, a vertical stride of at most the filter's rows, a sliding band (kh rows
     * of the padded plane, moved down by one padded row per row of the plane) within its stack buffer, output rows
     * within its sums buffer.
     */
    private static boolean bandFits(int kh, int kw, int[] y, ConvParams p) {
        long rows = (long) (y[1] - 1) * p.strideH() + kh, cols = (long) (y[2] - 1) * p.strideW() + kw;
        return p.dilationH() == 1 && p.dilationW() == 1 && kh <= 16 && (long) kh * kw <= PLANAR_MAX_TAPS
                && p.strideH() <= kh && kh * cols + rows <= BAND_MAX && y[2] <= BAND_MAX_ROW && bandPays(kh, kw, y);
    }

    /**
     * Where the band kernel runs fewer instructions than the planar one (measured on mcunet-vww, qemu-mps3-an547):
     * its per-channel and per-row costs pay off with 25 taps or more on at least 16 output pixels, or with rows of
     * at least 20 output pixels; small 3x3 layers stay planar.
     */
    static boolean bandPays(int kh, int kw, int[] y) {
        return kh * kw >= 25 ? y[1] * y[2] >= 16 : y[2] >= 20;
    }

    /**
     * The taps [fy0, fy1) x [fx0, fx1) of a depthwise filter that reach the image for some output pixel (the
     * whole filter unless dilation 1 and a filter larger than the padded image needs).
     */
    private static int[] reachableTaps(int[] x, int[] f, int[] y, ConvParams p) {
        if (x.length != 4 || y.length != 4 || p.dilationH() != 1 || p.dilationW() != 1) return new int[] {0, f[1], 0, f[2]};
        int[] r = reachable(f[1], p.padTop(), p.strideH(), y[1], x[1]), c = reachable(f[2], p.padLeft(), p.strideW(), y[2], x[2]);
        return new int[] {r[0], r[1], c[0], c[1]};
    }

    /** Filter offsets k in [lo, hi) with o * stride + k - pad inside [0, in) for some output o < out (dilation 1). */
    private static int[] reachable(int k, int pad, int stride, int out, int in) {
        int lo = 0, hi = k;
        while (lo < hi && (long) (out - 1) * stride + lo - pad < 0) lo++;
        while (hi > lo && hi - 1 - pad >= in) hi--;
        return lo < hi ? new int[] {lo, hi} : new int[] {0, k};
    }

    /** The window [fy0, fy1) x [fx0, fx1) of a 1 x H x W x C depthwise filter, as 1 x h x w x C. */
    static byte[] depthwiseWindow(Value w, int[] win) {
        byte[] v = w.constant().int8();
        int fw = w.type().dim(2), c = w.type().dim(3), wh = win[1] - win[0], ww = win[3] - win[2];
        byte[] sub = new byte[wh * ww * c];
        for (int y = 0; y < wh; y++)
            for (int xx = 0; xx < ww; xx++)
                System.arraycopy(v, ((win[0] + y) * fw + win[2] + xx) * c, sub, (y * ww + xx) * c, c);
        return sub;
    }

    /** Sum of each channel's taps of a depthwise filter given as bytes (channels innermost). */
    static int[] windowSums(byte[] v, int c) {
        int[] s = new int[c];
        for (int i = 0; i < v.length; i++) s[i % c] += v[i];
        return s;
    }

    static int[] toInts(byte[] v) {
        int[] t = new int[v.length];
        for (int i = 0; i < v.length; i++) t[i] = v[i];
        return t;
    }

    /** TF_DW_PLANAR_MAX_PLANE and TF_DW_PLANAR_MAX_TAPS of tf_kernels.h. */
    static final int PLANAR_MAX_PLANE = 2560, PLANAR_MAX_TAPS = 64;

    /**
     * Whether tf_depthwise_conv_s8_planar_mve covers a depthwise layer (multiplier 1 checked by the caller): one
     * image, one padded channel plane (what the taps of the output reach) within its stack buffer, few enough taps
     * and channels (its copy's 16-bit gather offsets).
     */
    private static boolean planarFits(int[] x, int[] f, int[] y, ConvParams p) {
        if (x.length != 4 || y.length != 4 || x[0] != 1) return false;
        long rows = (long) (y[1] - 1) * p.strideH() + (long) (f[1] - 1) * p.dilationH() + 1;
        long cols = (long) (y[2] - 1) * p.strideW() + (long) (f[2] - 1) * p.dilationW() + 1;
        return rows * cols <= PLANAR_MAX_PLANE && (long) f[1] * f[2] <= PLANAR_MAX_TAPS && x[3] <= 9362 && y[1] * y[2] > 0;
    }

    /** Sum of each channel's taps of a 1 x H x W x C depthwise filter. */
    static int[] depthwiseSums(Value w) {
        byte[] v = w.constant().int8();
        int c = w.type().dim(3);
        int[] s = new int[c];
        for (int i = 0; i < v.length; i++) s[i % c] += v[i];
        return s;
    }
}
