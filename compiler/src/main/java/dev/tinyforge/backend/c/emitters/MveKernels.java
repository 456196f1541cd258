package dev.tinyforge.backend.c.emitters;

import java.util.Arrays;

import dev.tinyforge.Isa;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;
import dev.tinyforge.quant.params.FullyConnectedParams;

/**
 * The Helium (MVE) kernel of an int8 layer on Cortex-M55/M85 ({@link Isa#MVE}), or nothing (the caller
 * then emits its usual call). The convolution and FC kernels multiply the raw input bytes, so the input
 * offset is folded here into the bias: folded[oc] = bias[oc] + inputOffset * (sum of filter oc's taps),
 * in int32 like the kernels' accumulators (runtime-c/src/common/tf_mve_s8.h says why that is exact).
 */
final class MveKernels {
    /** Filter taps (h * w * in_c) tf_conv_s8_mve's im2col column holds: TF_CONV_MVE_MAX_COLUMN in tf_kernels.h. */
    static final int MAX_COLUMN = 1152;

    private MveKernels() {}

    /**
     * An overlapped DEPTHWISE_CONV_2D int8 (output over its input's consumed head, planned one pixel at a time)
     * with one input channel: emits the im2col convolution and returns true, or returns false. Its pairs of
     * pixels read both columns before writing either output, so every input is read no later than in pixel
     * order and every output written no earlier: what the one-pixel plan allows.
     */
    static boolean overlappedOneChannelDepthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params,
                                                 String quant, String inDims, String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2);
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || !constantWeights(w, bias)) return false;
        int[] x = in.type().shape(), f = w.type().shape();
        if (x[x.length - 1] != 1 || (long) f[1] * f[2] > MAX_COLUMN) return false;
        oneChannelDepthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims);
        return true;
    }

    /** CONV_2D / DEPTHWISE_CONV_2D int8: emits the MVE kernel call and returns true, or returns false. */
    static boolean conv(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant, String inDims,
                        String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || !constantWeights(w, bias)) return false;
        int[] f = w.type().shape(), x = in.type().shape();
        boolean depthwise = n.attrs() instanceof Attrs.DepthwiseConv2D;
        InPlace ip = ctx.inPlace(n);
        if (depthwise && x[x.length - 1] == 1 && ip == null && (long) f[1] * f[2] <= MAX_COLUMN) {
            oneChannelDepthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims);
            return true;
        }
        return depthwise ? depthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims, ip)
                : convolution(n, ctx, code, p, params, quant, inDims, wDims, outDims, ip);
    }

    /**
     * One input channel: each output channel is a plain convolution of it, so the im2col kernels run the layer
     * with the 1xHxWxM filter stored as M x H x W x 1 (OHWI); same sums, same requantization.
     */
    private static void oneChannelDepthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                            String inDims, String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        String filter = transposedDepthwiseFilter(ctx, w);
        String convParams = "&" + ctx.declare("tf_conv_params", "conv_params", "{" + p.inputOffset() + ", "
                + p.outputOffset() + ", " + Structs.hw(p.strideH(), p.strideW()) + ", " + Structs.hw(p.dilationH(), p.dilationW())
                + ", " + Structs.hw(p.padTop(), p.padLeft()) + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
        code.statement("(void)" + params + "; /* the depthwise parameters, declared by the caller, are not needed */");
        String folded = foldedBias(ctx, depthwiseSums(w), bias, p.inputOffset());
        if (x.length == 4 && x[0] == 1 && (long) f[1] * f[2] <= BODY_MAX_TAPS) {
            convBody(ctx, code, convParams, quant, filter, folded, x, f[1], f[2], out.type().shape(), p.shifts(), ctx.ptr(in),
                    ctx.ptr(out));
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return;
        }
        // tf_conv_s8_mve reads only h and w of filter_dims (taps = h * w * in_c), the same for both layouts
        code.call("tf_conv_s8_mve", convParams, quant, inDims, ctx.ptr(in), wDims, filter, folded, outDims, ctx.ptr(out));
    }

    /** DEPTHWISE_CONV_2D int8 with several input channels: emits the MVE kernel call and returns true, or returns false. */
    private static boolean depthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                     String inDims, String wDims, String outDims, InPlace ip) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        if (p.depthMultiplier() != 1) return false;
        int[] win = reachableTaps(x, f, out.type().shape(), p);
        int wh = win[1] - win[0], ww = win[3] - win[2];
        if (planarFits(x, new int[] {1, wh, ww, f[3]}, out.type().shape(), p)) {
            // in place too: the kernel copies a band's inputs before writing the band's outputs (out == in)
            if (wh == f[1] && ww == f[2]) {
                code.call("tf_depthwise_conv_s8_planar_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w),
                        foldedBias(ctx, depthwiseSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out));
                return true;
            }
            // Taps that lie in the padding for every output pixel (a large filter on a small image) are left
            // out: the layer runs with the filter's window that reaches the image and the padding shifted to
            // match; TFLM skips those taps too, and the folded bias covers the window's taps only.
            byte[] sub = depthwiseWindow(w, win);
            String filter = ctx.declareArray("int8_t", "filter_window", sub.length, dev.tinyforge.backend.c.CLiterals.array(toInts(sub)));
            String windowDims = "&" + ctx.declare("tf_dims", "window_dims", "{1, " + wh + ", " + ww + ", " + f[3] + "}");
            String windowParams = "&" + ctx.declare("tf_dw_conv_params", "window_params", "{" + p.inputOffset() + ", "
                    + p.outputOffset() + ", 1, " + Structs.hw(p.strideH(), p.strideW()) + ", " + Structs.hw(1, 1) + ", "
                    + Structs.hw(p.padTop() - win[0], p.padLeft() - win[2]) + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
            code.statement("(void)" + params + "; (void)" + wDims + "; /* the filter's window replaces them */");
            code.call("tf_depthwise_conv_s8_planar_mve", windowParams, quant, inDims, ctx.ptr(in), windowDims, filter,
                    foldedBias(ctx, windowSums(sub, f[3]), bias, p.inputOffset()), outDims, ctx.ptr(out));
            return true;
        }
        String folded = foldedBias(ctx, depthwiseSums(w), bias, p.inputOffset());
        if (ip != null) {
            code.call("tf_depthwise_conv_s8_inplace_mve", params, quant, inDims, wDims, ctx.ptr(w), ctx.ptr(bias), folded,
                    outDims, ctx.ptr(out), ctx.scratch(ip.scratch()));
        } else {
            code.call("tf_depthwise_conv_s8_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias), folded,
                    outDims, ctx.ptr(out));
        }
        return true;
    }

    /** CONV_2D int8: emits the MVE kernel call and returns true, or returns false. */
    private static boolean convolution(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                       String inDims, String wDims, String outDims, InPlace ip) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        boolean groups = f[3] != x[x.length - 1];
        boolean pointwise = f[1] == 1 && f[2] == 1 && p.padTop() == 0 && p.padLeft() == 0;
        if (groups) return false;
        if (pointwise && p.strideH() == 1 && p.strideW() == 1 && f[3] <= BODY_MAX_TAPS) {
            pointwiseBody(n, ctx, code, p, params, quant, ip != null);
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        if (ip != null) {
            if (!pointwise) return false;
            code.call("tf_conv_s8_1x1_inplace_mve", params, quant, inDims, wDims, ctx.ptr(w),
                    foldedBias(ctx, rowSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out), ctx.scratch(ip.scratch()));
            return true;
        }
        if (pointwise) {
            code.call("tf_conv_s8_1x1_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w),
                    foldedBias(ctx, rowSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out));
            return true;
        }
        if ((long) f[1] * f[2] * f[3] > MAX_COLUMN) return false;
        String folded = foldedBias(ctx, rowSums(w), bias, p.inputOffset());
        if (x.length == 4 && x[0] == 1 && (long) f[1] * f[2] * f[3] <= BODY_MAX_TAPS) {
            convBody(ctx, code, params, quant, ctx.ptr(w), folded, x, f[1], f[2], out.type().shape(), p.shifts(), ctx.ptr(in),
                    ctx.ptr(out));
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        code.call("tf_conv_s8_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), folded, outDims, ctx.ptr(out));
        return true;
    }

    /**
     * Taps per output (input channels of a 1x1, f_h * f_w * in_c of an im2col convolution) up to which the
     * per-layer bodies run the layer (at most TF_PW_MAX_IN of conv/conv_s8_1x1_mve_body.h): measured on the
     * shared models, longer rows run faster through the generic kernels' loop (fewer live registers).
     */
    static final int BODY_MAX_TAPS = 96;

    /**
     * A 1x1 stride-1 convolution as a per-layer function: tf_conv_s8_1x1_mve_body with the pixel count, channel
     * counts, in-place flag and kind of shifts as literal constants (gcc unrolls and folds them). In place
     * (output at the input's first byte) the body keeps tf_conv_s8_1x1_inplace's pixel order.
     */
    private static void pointwiseBody(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                      boolean inPlace) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] y = out.type().shape();
        long pixels = 1;
        for (int i = 0; i < y.length - 1; i++) pixels *= y[i];
        String folded = foldedBias(ctx, rowSums(w), bias, p.inputOffset());
        String fn = folded.replace("folded_bias", "conv_1x1_mve");
        code.include("src/conv/conv_s8_1x1_mve_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_mve_body(" + params + ", " + quant + ", " + ctx.ptr(w) + ", " + folded + ", in, out, "
                + pixels + ", " + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + shiftKind(p.shifts()) + ");");
        code.declare("}");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /**
     * A convolution of one image through im2col columns as a per-layer function: tf_conv_s8_mve_body with the
     * input, filter and output shapes and the kind of shifts as literal constants.
     */
    private static void convBody(EmitContext ctx, LayerCode code, String params, String quant, String filter, String folded,
                                 int[] x, int fh, int fw, int[] y, int[] shifts, String in, String out) {
        String fn = folded.replace("folded_bias", "conv_mve");
        code.include("src/conv/conv_s8_mve_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_mve_body(" + params + ", " + quant + ", " + filter + ", " + folded + ", in, out, " + x[1] + ", "
                + x[2] + ", " + x[3] + ", " + fh + ", " + fw + ", " + y[1] + ", " + y[2] + ", " + y[3] + ", " + shiftKind(shifts) + ");");
        code.declare("}");
        code.statement(fn + "(" + in + ", " + out + ");");
    }

    /** TF_PW_SHIFT_NEGATIVE when every shift is negative, TF_PW_SHIFT_NONPOSITIVE when none is positive, else TF_PW_SHIFT_ANY. */
    private static String shiftKind(int[] shifts) {
        boolean negative = true, nonPositive = true;
        for (int s : shifts) {
            negative &= s < 0;
            nonPositive &= s <= 0;
        }
        return negative ? "TF_PW_SHIFT_NEGATIVE" : nonPositive ? "TF_PW_SHIFT_NONPOSITIVE" : "TF_PW_SHIFT_ANY";
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
    private static byte[] depthwiseWindow(Value w, int[] win) {
        byte[] v = w.constant().int8();
        int fw = w.type().dim(2), c = w.type().dim(3), wh = win[1] - win[0], ww = win[3] - win[2];
        byte[] sub = new byte[wh * ww * c];
        for (int y = 0; y < wh; y++)
            for (int xx = 0; xx < ww; xx++)
                System.arraycopy(v, ((win[0] + y) * fw + win[2] + xx) * c, sub, (y * ww + xx) * c, c);
        return sub;
    }

    /** Sum of each channel's taps of a depthwise filter given as bytes (channels innermost). */
    private static int[] windowSums(byte[] v, int c) {
        int[] s = new int[c];
        for (int i = 0; i < v.length; i++) s[i % c] += v[i];
        return s;
    }

    private static int[] toInts(byte[] v) {
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

    /** FULLY_CONNECTED int8 with symmetric weights: emits tf_fully_connected_s8_mve and returns true, or returns false. */
    static boolean fullyConnected(Node n, EmitContext ctx, LayerCode code, FullyConnectedParams p, String params, String quant,
                                  String batches) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || p.filterOffset() != 0 || !constantWeights(w, bias)) return false;
        code.call("tf_fully_connected_s8_mve", params, quant, batches, Integer.toString(w.type().dim(1)), ctx.ptr(in),
                Integer.toString(w.type().dim(0)), ctx.ptr(w), foldedBias(ctx, rowSums(w), bias, p.inputOffset()), ctx.ptr(out));
        return true;
    }

    /** Kernels with an MVE twin of the same signature: tf_add_s8, tf_quantize_f32_s8. */
    private static final java.util.Set<String> SAME_SIGNATURE = java.util.Set.of("tf_add_s8", "tf_quantize_f32_s8");

    /** The kernel to call instead of {@code fn} ("tf_add_s8" becomes "tf_add_s8_mve" on MVE). */
    static String elementwise(EmitContext ctx, String fn) {
        return ctx.isa() == Isa.MVE && SAME_SIGNATURE.contains(fn) ? fn + "_mve" : fn;
    }

    /** int8 constant weights and an int32 constant bias (or none): what the folded bias is computed from. */
    private static boolean constantWeights(Value w, Value bias) {
        return w.isConstant() && w.type().elementType() == ElementType.INT8
                && (bias == null || (bias.isConstant() && bias.type().elementType() == ElementType.INT32));
    }

    /** Declares the 1 x H x W x M filter of a one-input-channel depthwise layer as M x H x W x 1; returns its name. */
    private static String transposedDepthwiseFilter(EmitContext ctx, Value w) {
        byte[] v = w.constant().int8();
        int m = w.type().dim(3), taps = v.length / m;
        int[] t = new int[v.length];
        for (int o = 0; o < m; o++) for (int i = 0; i < taps; i++) t[o * taps + i] = v[i * m + o];
        return ctx.declareArray("int8_t", "filter_ohwi", t.length, dev.tinyforge.backend.c.CLiterals.array(t));
    }

    /** Sum of each output row's weights ([O][...] layouts: conv OHWI, FC [O][I]). */
    private static int[] rowSums(Value w) {
        byte[] v = w.constant().int8();
        int rows = w.type().dim(0), k = v.length / rows;
        int[] s = new int[rows];
        for (int o = 0; o < rows; o++) for (int i = 0; i < k; i++) s[o] += v[o * k + i];
        return s;
    }

    /** Sum of each channel's taps of a 1 x H x W x C depthwise filter. */
    private static int[] depthwiseSums(Value w) {
        byte[] v = w.constant().int8();
        int c = w.type().dim(3);
        int[] s = new int[c];
        for (int i = 0; i < v.length; i++) s[i % c] += v[i];
        return s;
    }

    /** Declares bias + inputOffset * sums (int32, wrapping) and returns its name. */
    private static String foldedBias(EmitContext ctx, int[] sums, Value bias, int inputOffset) {
        int[] folded = Arrays.copyOf(sums, sums.length);
        int[] b = bias == null ? new int[sums.length] : bias.constant().int32();
        for (int i = 0; i < folded.length; i++) folded[i] = b[i] + inputOffset * sums[i];
        return ctx.declareInts("folded_bias", folded);
    }
}
