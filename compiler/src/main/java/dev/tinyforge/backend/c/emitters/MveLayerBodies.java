package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.ConvParams;

/**
 * Per-layer Helium (MVE) functions: a static {@code lN_conv_1x1_<narrow|quad|wide>_mve} / {@code lN_conv_mve} in model.c
 * calling the always-inline bodies of conv/conv_s8_1x1_*_mve_body.h and conv/conv_s8_mve_body.h with the layer's shapes,
 * in-place flag and kind of shifts as literal constants, so that gcc unrolls and folds them.
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
    /** Input channels from which a 1x1 may run through the wide body (3 pixels x 2 filters; see {@link #variant}). */
    static final int WIDE_MIN_IN = 64;
    /** Input channels up to which a 1x1 may run through the wide body (TF_PW_MAX_IN of conv/conv_s8_1x1_mve_body.h). */
    static final int WIDE_MAX_IN = 512;

    /**
     * Input channels from which a 1x1 runs through the quad body (4 pixels x 2 filters); up to 16 the narrow body (4
     * pixels in registers, no copy) is as fast or faster on mcunet-vww.
     */
    static final int QUAD_MIN_IN = NARROW_MAX_IN + 1;
    /** Input channels up to which a 1x1 runs through the quad body (TF_PW_QUAD_MAX_IN). */
    static final int QUAD_MAX_IN = 512;

    /** Whether a 1x1 stride-1 convolution of {@code in} to {@code out} channels on {@code pixels} pixels runs through {@link #lanePointwiseBody}. */
    static boolean lanePointwise(int in, int out, long pixels) {
        return variant(in, out, pixels) != null;
    }

    /**
     * The lane body of a 1x1 of {@code in} to {@code out} channels on {@code pixels} pixels ("narrow", "quad", "wide"),
     * or null for none. Quad (groups of 4 pixels) unless the wide body applies and its groups of 3 waste fewer pixel
     * slots by more than quad's lower cost per slot (measured on mcunet-vww: about 0.8 of wide's at 144 to 240 input
     * channels), as on a 3x3 image.
     */
    private static String variant(int in, int out, long pixels) {
        if (in < QUAD_MIN_IN) return "narrow";
        // fewer pixels than a group: the 2 x 4 blocks of pointwiseBody waste fewer lanes
        if (pixels < 4 && in <= BODY_MAX_TAPS) return null;
        boolean wide = in >= WIDE_MIN_IN && in <= WIDE_MAX_IN && out % 2 == 0;
        long quadSlots = (pixels + 3) / 4 * 4, wideSlots = (pixels + 2) / 3 * 3;
        if (wide && 4 * quadSlots > 5 * wideSlots) return "wide";
        if (in <= QUAD_MAX_IN) return "quad";
        return wide ? "wide" : null;
    }

    /**
     * A 1x1 stride-1 convolution as a per-layer function calling tf_conv_s8_1x1_narrow_mve_body (at most 16 input
     * channels: 4 pixels in the lanes), tf_conv_s8_1x1_quad_mve_body (4 pixels against 2 filters, the weights by
     * pairs of filters: {@link #pairedFilter}) or tf_conv_s8_1x1_wide_mve_body (3 pixels against 2 filters), with the
     * channels' requantization constants interleaved as {folded bias, multiplier, min(shift, 0), max(shift, 0)}
     * (one array replacing the folded bias; an odd channel count gets the last channel's constants twice).
     */
    static void lanePointwiseBody(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                  boolean inPlace) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        long pixels = pixels(out);
        int[] folded = MveKernels.foldedValues(MveKernels.rowSums(w), bias, p.inputOffset());
        // an odd channel count: the last channel's constants twice (the quad body pairs it with itself)
        int[] consts = new int[4 * (folded.length + folded.length % 2)];
        for (int i = 0; i < consts.length / 4; i++) {
            int oc = Math.min(i, folded.length - 1), shift = p.shift(oc);
            consts[4 * i] = folded[oc];
            consts[4 * i + 1] = p.multiplier(oc);
            consts[4 * i + 2] = Math.min(shift, 0);
            consts[4 * i + 3] = Math.max(shift, 0);
        }
        String variant = variant(w.type().dim(3), w.type().dim(0), pixels);
        // the narrow body's assembly loop: paired weights, for an upper clamp at 127 and no lower one or a RELU's
        boolean narrowPaired = variant.equals("narrow") && p.activationMax() == 127 && (p.activationMin() == -128 || relu(p));
        String filter = variant.equals("quad") || narrowPaired ? pairedFilter(ctx, w) : ctx.ptr(w);
        String kind = kind(p) + (narrowPaired ? " | TF_PW_PAIRED" : "") + (variant.equals("wide") ? "" : clamp(p));
        String table = ctx.declareInts("pw_consts", consts);
        String fn = table.replace("pw_consts", "conv_1x1_" + variant + "_mve");
        code.include("src/conv/conv_s8_1x1_" + variant + "_mve_body.h");
        // its own function, not inlined into model_invoke: there gcc spills the body's pointers and constants
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_" + variant + "_mve_body(" + params + ", " + filter + ", " + table + ", in, out, " + pixels
                + ", " + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + kind + ");");
        code.declare("}");
        code.statement("(void)" + quant + "; /* the requantization constants are in " + table + " */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /**
     * Declares the [out][in] 1x1 filter w in the quad (and paired narrow) body's layout (tf_pw_quad_weight of conv_s8_1x1_quad_mve_body.h):
     * by pairs of filters, each pair's rows interleaved by 16 bytes and zero-padded to whole 16s, an odd last filter
     * paired with a copy of itself; returns its name. Grows the layer's weights only by the padding.
     */
    private static String pairedFilter(EmitContext ctx, Value w) {
        byte[] v = w.constant().int8();
        int oc = w.type().dim(0), k = w.type().dim(3), ch = (k + 15) / 16, pairs = (oc + 1) / 2;
        int[] paired = new int[pairs * 32 * ch];
        for (int o = 0; o < 2 * pairs; o++) {
            int from = Math.min(o, oc - 1);
            for (int i = 0; i < k; i++) paired[(o / 2) * 32 * ch + (i / 16) * 32 + (o % 2) * 16 + i % 16] = v[from * k + i];
        }
        return ctx.declareArray("int8_t", "pw_filter_pairs", paired.length, dev.tinyforge.backend.c.CLiterals.array(paired));
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

    /**
     * The clamp the narrow (paired) and quad bodies apply: with act_max 127 a saturating narrow to int8 does the upper
     * clamp, and with act_min -128 the lower one too (TF_PW_CLAMP_NONE) or a VMAX only (TF_PW_CLAMP_LOW).
     */
    private static String clamp(ConvParams p) {
        if (p.activationMax() != 127) return "";
        return p.activationMin() == -128 ? " | TF_PW_CLAMP_NONE" : " | TF_PW_CLAMP_LOW";
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
