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
        // small images: the window body where it fits (fewer instructions than the lanes body on every layer measured)
        if (lanesFits(x, f, out.type().shape(), p)) {
            if (windowFits(x, f, out.type().shape(), p)) window(n, ctx, code, p, params, quant, inDims, wDims, outDims);
            else lanes(n, ctx, code, p, params, quant, inDims, wDims, outDims);
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
        Value w = n.input(1), bias = n.input(2);
        int[] f = w.type().shape();
        String filter = ctx.declareArray("int8_t", "lanes_filter", f[1] * f[2] * f[3],
                CLiterals.array(toInts(lanesOrder(w.constant().int8(), f[1], f[2], f[3]))));
        String b = bias != null ? ctx.ptr(bias) : ctx.declareInts("lanes_bias", new int[f[3]]);
        layerFunction(n, ctx, code, p, "src/depthwise_conv/depthwise_conv_s8_lanes_mve_body.h",
                filter.replace("lanes_filter", "dw_lanes_mve"), "tf_dw_lanes_mve_body", params, quant, filter, b,
                "TF_DWL_SHIFT_", "", inDims, wDims, outDims);
    }

    /**
     * A small layer as a per-layer function (lN_dw_window_mve) calling the always-inline body of
     * depthwise_conv/depthwise_conv_s8_window_mve_body.h with its shapes, strides and padding as literal constants:
     * each output's filter window one run of a channel's padded plane, VMLADAV over 16 taps at a time; the filter
     * in the planes' order ({@link #windowOrder}), the bias folded, per output row where rows have shorter runs
     * ({@link #windowBias}). In place too (out == in): the body copies a group's inputs before writing its outputs,
     * and writes only the group's channels.
     */
    private static void window(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                               String inDims, String wDims, String outDims) {
        Value w = n.input(1);
        int[] x = n.input(0).type().shape(), f = w.type().shape(), y = n.output().type().shape();
        int[] g = windowGeometry(x, f, y, p);
        int[][] runs = windowRuns(x, f, y, p, g);
        boolean useRuns = windowRunsPay(runs, g[1]);
        int ws = useRuns ? windowStride(runs, g[1]) : 16 * g[1];
        byte[] v = w.constant().int8();
        String filter = ctx.declareArray("int8_t", "window_filter", f[3] * ws,
                CLiterals.array(toInts(windowOrder(v, f[1], f[2], f[3], g[0], ws))));
        int[] folded = MveKernels.foldedValues(depthwiseSums(w), n.input(2), p.inputOffset());
        String bias = useRuns ? ctx.declareInts("window_bias", windowBias(v, f, g[0], runs, folded, p.inputOffset()))
                : ctx.declareInts("folded_bias", folded);
        layerFunction(n, ctx, code, p, "src/depthwise_conv/depthwise_conv_s8_window_mve_body.h",
                filter.replace("window_filter", "dw_window_mve"), "tf_dw_window_mve_body", params, quant, filter, bias,
                "TF_DWW_SHIFT_", (useRuns ? 1 : 0) + "", inDims, wDims, outDims);
    }

    /**
     * Each output row's run of the window body (tf_dww_run): {A, K}, the filter rows inside the image from byte A
     * = fy0 * WP in K chunks where that is fewer than the whole window's CH, else {0, CH}.
     */
    static int[][] windowRuns(int[] x, int[] f, int[] y, ConvParams p, int[] g) {
        int[][] r = new int[y[1]][];
        for (int oy = 0; oy < y[1]; oy++) {
            long top = p.padTop() - (long) oy * p.strideH(), bottom = x[1] + top;
            long fy0 = Math.max(0, top), fy1 = Math.min(f[1], bottom);
            long k = ((fy1 - 1) * g[0] + f[2] - fy0 * g[0] + 15) / 16;
            r[oy] = fy1 > fy0 && k < g[1] ? new int[] {(int) (fy0 * g[0]), (int) k} : new int[] {0, g[1]};
        }
        return r;
    }

    /**
     * Whether the window body takes row runs: where they save at least 1.2 chunks per output on average (measured on
     * mcunet-vww, qemu-mps3-an547: the runs' path, sums through a buffer and a bias per row, costs about 3
     * instructions per output more; a 7x7 filter over a 3x3 image (4 to 2 chunks) runs 1.34x faster, over 5x5 (4 to
     * 2.6) and from 10x10 with stride 2 (6 to 4.8) about 1.02x, a 5x5 filter from 5x5 with stride 2 (3 to 2.3) slower).
     */
    static boolean windowRunsPay(int[][] runs, int ch) {
        int saved = 0;
        for (int[] r : runs) saved += ch - r[1];
        return 5 * saved >= 6 * runs.length;
    }

    /** The window body's weight bytes per channel (WS): 16 * CH or what the row runs reach. */
    static int windowStride(int[][] runs, int ch) {
        int ws = 16 * ch;
        for (int[] r : runs) ws = Math.max(ws, r[0] + 16 * r[1]);
        return ws;
    }

    /**
     * The window body's bias per channel and output row ([c * OH + oy]) where rows have shorter runs: the folded
     * bias less input_offset times the weights the row's run leaves out (the taps it skips all lie in padding,
     * which TFLM skips and the folded bias counted).
     */
    static int[] windowBias(byte[] v, int[] f, int wp, int[][] runs, int[] folded, int inputOffset) {
        int c = f[3], oh = runs.length;
        int[] r = new int[c * oh];
        for (int ch = 0; ch < c; ch++)
            for (int oy = 0; oy < oh; oy++) {
                int left = 0;
                for (int fy = 0; fy < f[1]; fy++)
                    for (int fx = 0; fx < f[2]; fx++) {
                        int t = fy * wp + fx;
                        if (t < runs[oy][0] || t >= runs[oy][0] + 16 * runs[oy][1]) left += v[(fy * f[2] + fx) * c + ch];
                    }
                r[ch * oh + oy] = folded[ch] - inputOffset * left;
            }
        return r;
    }

    /**
     * Declares a per-layer function fn(in, out) whose body calls an always-inline depthwise body of the header with
     * the layer's shapes, strides, padding, kind of shifts (shiftPrefix + NEGATIVE / NONPOSITIVE / ANY) and the
     * extra arguments (if any) as literal constants, and calls it.
     */
    private static void layerFunction(Node n, EmitContext ctx, LayerCode code, ConvParams p, String header, String fn,
                                      String body, String params, String quant, String filter, String bias,
                                      String shiftPrefix, String extra, String inDims, String wDims, String outDims) {
        Value in = n.input(0), out = n.output();
        int[] x = in.type().shape(), f = n.input(1).type().shape(), y = out.type().shape();
        code.include(header);
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    " + body + "(" + params + ", " + quant + ", " + filter + ", " + bias + ", in, out, " + x[1] + ", " + x[2]
                + ", " + x[3] + ", " + f[1] + ", " + f[2] + ", " + p.strideH() + ", " + p.strideW() + ", " + p.padTop() + ", "
                + p.padLeft() + ", " + y[1] + ", " + y[2] + ", " + MveLayerBodies.shiftKind(shiftPrefix, p.shifts())
                + (extra.isEmpty() ? "" : ", " + extra) + ");");
        code.declare("}");
        code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /** TF_DWW_MAX_PLANE, TF_DWW_MAX_PIXELS and TF_DWW_MAX_OUT of depthwise_conv_s8_window_mve_body.h. */
    static final int WINDOW_MAX_PLANE = 320, WINDOW_MAX_PIXELS = 100, WINDOW_MAX_OUT = 100;

    /**
     * The window body's plane of a layer as the header works it out: {WP, CH, PS}: the row stride (the image's
     * columns and max(pad left, pad right) padding bytes shared by neighbouring rows, at least the filter's), 16-byte chunks per output's
     * window ((KH - 1) * WP + KW bytes), bytes per channel plane at most (the padded rows and image rows, and the
     * last window's loads).
     */
    static int[] windowGeometry(int[] x, int[] f, int[] y, ConvParams p) {
        long sh = p.strideH(), sw = p.strideW(), pl = p.padLeft();
        long pr = Math.max(0, (y[2] - 1) * sw + f[2] - pl - x[2]);
        long wp = Math.max(x[2] + Math.max(pl, pr), f[2]), ch = ((f[1] - 1) * wp + f[2] + 15) / 16;
        long rows = Math.max((y[1] - 1) * sh + f[1], p.padTop() + x[1]) * wp + pl;
        // the row runs reach at most 15 bytes past the whole window's chunks
        long reach = (y[1] - 1) * sh * wp + (y[2] - 1) * sw + 16 * ch + 15;
        return new int[] {(int) Math.min(wp, Integer.MAX_VALUE), (int) Math.min(ch, Integer.MAX_VALUE),
                (int) Math.min(Math.max(rows, reach), Integer.MAX_VALUE)};
    }

    /**
     * Whether the per-layer window body covers a layer (multiplier 1 checked by the caller): one image, dilation 1,
     * channels a multiple of 8 (at most 8191: 16-bit scatter offsets), at most TF_DWW_MAX_PIXELS input and
     * TF_DWW_MAX_OUT output pixels, a channel's plane within TF_DWW_MAX_PLANE bytes, at most 8 chunks per window
     * (unrolled).
     */
    static boolean windowFits(int[] x, int[] f, int[] y, ConvParams p) {
        if (x.length != 4 || y.length != 4 || x[0] != 1 || p.dilationH() != 1 || p.dilationW() != 1 || x[3] % 8 != 0
                || x[3] != f[3] || x[3] > 8191 || (long) x[1] * x[2] > WINDOW_MAX_PIXELS || (long) y[1] * y[2] <= 0
                || p.padTop() < 0 || p.padLeft() < 0) return false;
        int[] g = windowGeometry(x, f, y, p);
        return g[1] <= 8 && g[2] <= WINDOW_MAX_PLANE && (long) y[1] * y[2] <= WINDOW_MAX_OUT;
    }

    /**
     * A kh x kw x C depthwise filter (channels innermost) in the window body's order: per channel ws bytes holding
     * tap (fy, fx) at fy * wp + fx, zeros elsewhere.
     */
    static byte[] windowOrder(byte[] v, int kh, int kw, int c, int wp, int ws) {
        byte[] r = new byte[c * ws];
        for (int i = 0; i < c; i++)
            for (int fy = 0; fy < kh; fy++)
                for (int fx = 0; fx < kw; fx++) r[i * ws + fy * wp + fx] = v[(fy * kw + fx) * c + i];
        return r;
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
        return windowSums(w.constant().int8(), w.type().dim(3));
    }
}
