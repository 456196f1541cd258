package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;

/**
 * A Helium depthwise layer as a per-layer function (lN_dw_band_mve) calling the always-inline body of
 * depthwise_conv/depthwise_conv_s8_band_mve_body.h with its shapes, strides, padding, zero points and activation
 * range as literal constants: a sliding band per channel, VMLADAVA over 16 taps of a pixel, 8 pixels requantized
 * at once. The filter's window that reaches the image in the band order ({@link MveDepthwise#bandOrder}), folded
 * biases as in {@link MveKernels}.
 */
final class MveDepthwiseBand {
    private MveDepthwiseBand() {}

    /** TF_DWBB_BAND_BYTES of depthwise_conv_s8_band_mve_body.h. */
    static final int BAND_BYTES = 1024;
    /** Output columns up to which a row is unrolled (code size), filter taps up to which the body applies. */
    static final int MAX_OW = 64, MAX_TAPS = 64;

    /**
     * Whether the body covers a layer (multiplier 1 checked by the caller) with a kh x kw window of its filter: one
     * image, dilation 1, a vertical stride of at most the window's rows, at most {@link #MAX_TAPS} taps, rows of at
     * most {@link #MAX_OW} outputs, a band within {@link #BAND_BYTES}, the store's 16-bit offsets (7 C); in place
     * only with the output at the input's first byte and the body's order safe ({@link #inPlaceSafe}).
     */
    static boolean fits(int[] x, int kh, int kw, int[] y, ConvParams p, int[] win, InPlace ip) {
        if (x.length != 4 || y.length != 4 || x[0] != 1 || p.dilationH() != 1 || p.dilationW() != 1) return false;
        int sh = p.strideH(), sw = p.strideW(), oh = y[1], ow = y[2], pt = p.padTop() - win[0];
        if (oh * ow <= 0 || sh > kh || kh * kw > MAX_TAPS || ow > MAX_OW || x[3] > 9362 || sw * kh > 16 * 4) return false;
        if (bandBytes(kh, kw, sh, sw, oh, ow) > BAND_BYTES) return false;
        return ip == null || (ip.shift() == 0 && inPlaceSafe(x[1], x[2], kh, sh, pt, oh, ow));
    }

    /** Bytes the band reaches: plane row pr, column x at pr + x * kh; pixel loads of 16 bytes per chunk. */
    static long bandBytes(int kh, int kw, int sh, int sw, int oh, int ow) {
        long hp = (long) (oh - 1) * sh + kh, wp = (long) (ow - 1) * sw + kw;
        long rows = hp + (wp - 1) * kh, loads = (long) (oh - 1) * sh + (long) (ow - 1) * sw * kh + MveDepthwise.bandChunks(kh, kw) * 16L;
        return Math.max(rows, loads);
    }

    /**
     * Whether the body's order keeps out == in correct: channel c's output row oy (pixels oy * ow ... , each over the
     * same channel of input pixel q) is written after the band has loaded input rows up to oy * sh + kh - 1 - pt, so
     * each input row it overwrites must be loaded already or never read.
     */
    static boolean inPlaceSafe(int h, int w, int kh, int sh, int pt, int oh, int ow) {
        int lastRead = Math.min(h - 1, (oh - 1) * sh + kh - 1 - pt);
        for (int oy = 0; oy < oh; oy++) {
            int loaded = Math.min(h - 1, oy * sh + kh - 1 - pt);
            long first = (long) oy * ow / w, last = ((long) (oy + 1) * ow - 1) / w;
            for (long row = first; row <= last; row++)
                if (row > loaded && row <= lastRead) return false;
        }
        return true;
    }

    /** Declares the per-layer function and calls it. */
    static void emit(Node n, EmitContext ctx, LayerCode code, ConvParams p, String quant, String inDims, String wDims,
                     String outDims, String params, int[] win) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] x = in.type().shape(), y = out.type().shape();
        int c = w.type().dim(3), kh = win[1] - win[0], kw = win[3] - win[2];
        byte[] sub = MveDepthwise.depthwiseWindow(w, win);
        String filter = ctx.declareArray("int8_t", "band_filter", MveDepthwise.bandChunks(kh, kw) * 16 * c,
                CLiterals.array(MveDepthwise.toInts(MveDepthwise.bandOrder(sub, kh, kw, c))));
        String folded = MveKernels.foldedBias(ctx, MveDepthwise.windowSums(sub, c), bias, p.inputOffset());
        String fn = filter.replace("band_filter", "dw_band_mve");
        code.include("src/depthwise_conv/depthwise_conv_s8_band_mve_body.h");
        code.declare("static TF_DWBB_LAYER void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_dw_band_mve_body(" + quant + ", " + filter + ", " + folded + ", in, out, " + x[1] + ", " + x[2] + ", "
                + c + ", " + kh + ", " + kw + ", " + p.strideH() + ", " + p.strideW() + ", " + (p.padTop() - win[0]) + ", "
                + (p.padLeft() - win[2]) + ", " + y[1] + ", " + y[2] + ", " + (-p.inputOffset()) + ", " + p.outputOffset() + ", "
                + p.activationMin() + ", " + p.activationMax() + ", " + MveLayerBodies.shiftKind("TF_DWBB_SHIFT_", p.shifts()) + ");");
        code.declare("}");
        code.statement("(void)" + params + "; (void)" + inDims + "; (void)" + wDims + "; (void)" + outDims
                + "; /* the shapes are constants of the call */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }
}
