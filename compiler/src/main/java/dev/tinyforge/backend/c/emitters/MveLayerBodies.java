package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.ConvParams;

/**
 * Per-layer Helium (MVE) functions: a static {@code lN_conv_1x1_mve} / {@code lN_conv_mve} in model.c calling the
 * always-inline bodies of conv/conv_s8_1x1_mve_body.h and conv/conv_s8_mve_body.h with the layer's shapes, in-place
 * flag and kind of shifts as literal constants, so that gcc unrolls and folds them.
 */
final class MveLayerBodies {
    private MveLayerBodies() {}

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
    static void pointwiseBody(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                      boolean inPlace) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        long pixels = pixels(out);
        String folded = MveKernels.foldedBias(ctx, MveKernels.rowSums(w), bias, p.inputOffset());
        String fn = folded.replace("folded_bias", "conv_1x1_mve");
        code.include("src/conv/conv_s8_1x1_mve_body.h");
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_mve_body(" + params + ", " + quant + ", " + ctx.ptr(w) + ", " + folded + ", in, out, "
                + pixels + ", " + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + kind(p) + ");");
        code.declare("}");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /** Input channels up to which a 1x1 runs through the narrow body (TF_PW_NARROW_MAX_IN of conv/conv_s8_1x1_narrow_mve_body.h). */
    static final int NARROW_MAX_IN = 16;
    /**
     * Input channels from which a 1x1 runs through the wide body (3 pixels x 2 filters): measured on mcunet-vww, with
     * fewer the requantization of 3 sums per 4 lanes outweighs its multiply-accumulate steps, and the 2 x 4 blocks of
     * tf_conv_s8_1x1_mve_body (inputs held in registers) are faster.
     */
    static final int WIDE_MIN_IN = 64;
    /** Input channels up to which a 1x1 may run through the wide body (TF_PW_MAX_IN of conv/conv_s8_1x1_mve_body.h). */
    static final int WIDE_MAX_IN = 512;

    /** Whether a 1x1 stride-1 convolution of {@code in} to {@code out} channels runs through {@link #lanePointwiseBody}. */
    static boolean lanePointwise(int in, int out) {
        return in <= NARROW_MAX_IN || (in >= WIDE_MIN_IN && in <= WIDE_MAX_IN && out % 2 == 0);
    }

    /**
     * A 1x1 stride-1 convolution as a per-layer function calling tf_conv_s8_1x1_narrow_mve_body (at most 16 input
     * channels: 4 pixels in the lanes) or tf_conv_s8_1x1_wide_mve_body (3 pixels against 2 filters), with the
     * channels' requantization constants interleaved as {folded bias, multiplier, min(shift, 0), max(shift, 0)}
     * (one array replacing the folded bias).
     */
    static void lanePointwiseBody(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                  boolean inPlace) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        long pixels = pixels(out);
        int[] folded = MveKernels.foldedValues(MveKernels.rowSums(w), bias, p.inputOffset());
        int[] consts = new int[4 * folded.length];
        for (int oc = 0; oc < folded.length; oc++) {
            int shift = p.shift(oc);
            consts[4 * oc] = folded[oc];
            consts[4 * oc + 1] = p.multiplier(oc);
            consts[4 * oc + 2] = Math.min(shift, 0);
            consts[4 * oc + 3] = Math.max(shift, 0);
        }
        boolean narrow = w.type().dim(3) <= NARROW_MAX_IN;
        String variant = narrow ? "narrow" : "wide";
        String table = ctx.declareInts("pw_consts", consts);
        String fn = table.replace("pw_consts", "conv_1x1_" + variant + "_mve");
        code.include("src/conv/conv_s8_1x1_" + variant + "_mve_body.h");
        // its own function, not inlined into model_invoke: there gcc spills the body's pointers and constants
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_" + variant + "_mve_body(" + params + ", " + ctx.ptr(w) + ", " + table + ", in, out, " + pixels
                + ", " + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + kind(p) + ");");
        code.declare("}");
        code.statement("(void)" + quant + "; /* the requantization constants are in " + table + " */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /**
     * A convolution of one image through im2col columns as a per-layer function: tf_conv_s8_mve_body with the
     * input, filter and output shapes and the kind of shifts as literal constants.
     */
    static void convBody(EmitContext ctx, LayerCode code, String params, String quant, String filter, String folded,
                                 int[] x, int fh, int fw, int[] y, ConvParams p, String in, String out) {
        String fn = folded.replace("folded_bias", "conv_mve");
        code.include("src/conv/conv_s8_mve_body.h");
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_mve_body(" + params + ", " + quant + ", " + filter + ", " + folded + ", in, out, " + x[1] + ", "
                + x[2] + ", " + x[3] + ", " + fh + ", " + fw + ", " + y[1] + ", " + y[2] + ", " + y[3] + ", " + kind(p) + ");");
        code.declare("}");
        code.statement(fn + "(" + in + ", " + out + ");");
    }

    /** Pixels of an NHWC activation: every dimension but the channels. */
    private static long pixels(Value v) {
        int[] y = v.type().shape();
        long pixels = 1;
        for (int i = 0; i < y.length - 1; i++) pixels *= y[i];
        return pixels;
    }

    /** The kind of shifts, with TF_PW_RELU or'ed in when act_min >= output_offset (the rounding fix-up is then not needed). */
    static String kind(ConvParams p) {
        return shiftKind(p.shifts()) + (relu(p) ? " | TF_PW_RELU" : "");
    }

    /** A fused RELU / RELU6 (or narrower): every output of a negative scaled sum is act_min. */
    static boolean relu(ConvParams p) {
        return p.activationMin() >= p.outputOffset();
    }

    /** TF_PW_SHIFT_NEGATIVE when every shift is negative, TF_PW_SHIFT_NONPOSITIVE when none is positive, else TF_PW_SHIFT_ANY. */
    private static String shiftKind(int[] shifts) {
        return shiftKind("TF_PW_SHIFT_", shifts);
    }

    /**
     * The kind of shifts a Helium body specializes on, as its header names it: prefix + NEGATIVE when every shift is
     * negative (right shifts only), NONPOSITIVE when none is positive, else ANY.
     */
    static String shiftKind(String prefix, int[] shifts) {
        boolean negative = true, nonPositive = true;
        for (int s : shifts) {
            negative &= s < 0;
            nonPositive &= s <= 0;
        }
        return prefix + (negative ? "NEGATIVE" : nonPositive ? "NONPOSITIVE" : "ANY");
    }
}
