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
        int[] y = out.type().shape();
        long pixels = 1;
        for (int i = 0; i < y.length - 1; i++) pixels *= y[i];
        if (w.type().dim(3) <= NARROW_MAX_IN) {
            narrowPointwiseBody(n, ctx, code, p, params, quant, inPlace, pixels);
            return;
        }
        String folded = MveKernels.foldedBias(ctx, MveKernels.rowSums(w), bias, p.inputOffset());
        String fn = folded.replace("folded_bias", "conv_1x1_mve");
        code.include("src/conv/conv_s8_1x1_mve_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_mve_body(" + params + ", " + quant + ", " + ctx.ptr(w) + ", " + folded + ", in, out, "
                + pixels + ", " + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + shiftKind(p.shifts()) + ");");
        code.declare("}");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /** Input channels up to which a 1x1 runs through the narrow body (TF_PW_NARROW_MAX_IN of conv/conv_s8_1x1_narrow_mve_body.h). */
    static final int NARROW_MAX_IN = 16;

    /**
     * A 1x1 stride-1 convolution with at most 16 input channels as a per-layer function calling
     * tf_conv_s8_1x1_narrow_mve_body (4 pixels in the lanes), with the channels' requantization constants
     * interleaved as {folded bias, multiplier, min(shift, 0), max(shift, 0)} (one array replacing the folded bias).
     */
    private static void narrowPointwiseBody(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                            boolean inPlace, long pixels) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] folded = MveKernels.foldedValues(MveKernels.rowSums(w), bias, p.inputOffset());
        int[] consts = new int[4 * folded.length];
        for (int oc = 0; oc < folded.length; oc++) {
            int shift = p.shift(oc);
            consts[4 * oc] = folded[oc];
            consts[4 * oc + 1] = p.multiplier(oc);
            consts[4 * oc + 2] = Math.min(shift, 0);
            consts[4 * oc + 3] = Math.max(shift, 0);
        }
        String table = ctx.declareInts("pw_consts", consts);
        String fn = table.replace("pw_consts", "conv_1x1_narrow_mve");
        boolean relu = p.activationMin() >= p.outputOffset();
        code.include("src/conv/conv_s8_1x1_narrow_mve_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_1x1_narrow_mve_body(" + params + ", " + ctx.ptr(w) + ", " + table + ", in, out, " + pixels + ", "
                + w.type().dim(3) + ", " + w.type().dim(0) + ", " + (inPlace ? 1 : 0) + ", " + shiftKind(p.shifts()) + ", "
                + (relu ? 1 : 0) + ");");
        code.declare("}");
        code.statement("(void)" + quant + "; /* the requantization constants are in " + table + " */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
    }

    /**
     * A convolution of one image through im2col columns as a per-layer function: tf_conv_s8_mve_body with the
     * input, filter and output shapes and the kind of shifts as literal constants.
     */
    static void convBody(EmitContext ctx, LayerCode code, String params, String quant, String filter, String folded,
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
}
