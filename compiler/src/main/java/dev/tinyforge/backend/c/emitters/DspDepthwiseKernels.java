package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;

/**
 * An int8 DEPTHWISE_CONV_2D (multiplier 1, dilation 1, K x K filter with K 3, 5 or 7, strides 1 or 2, batch 1) on a
 * core with the DSP extension, specialized per layer shape: a static function in model.c (one per distinct shape,
 * shared by the layers that have it) that calls the always-inline
 * body of runtime-c/src/depthwise_conv/depthwise_conv_s8_dsp_body.h with the layer's shapes, strides, padding,
 * offsets and activation bounds as literals. It reads the int8 filter as it is (the body packs each group's weights
 * on the stack) and a per-channel table of requantization constants prepared here (that of the 1x1 kernels, which
 * replaces TFLite's multipliers, shifts and the bias). Returns false (the caller emits the generic kernel) where the
 * body's requantization is not exact for some input, its ring does not fit the stack, or the layer runs in place and
 * the body's order could overwrite input it still reads.
 */
final class DspDepthwiseKernels {
    static final String HEADER = "src/depthwise_conv/depthwise_conv_s8_dsp_body.h";
    /** TF_DW_DSP_LAYER_RING_BYTES of the header. */
    static final int RING_BYTES = 2560;

    private DspDepthwiseKernels() {}

    /** Emits the specialized depthwise layer and returns true, or returns false. */
    static boolean depthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String... unusedDeclarations) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (!ctx.isa().hasDsp() || !Structs.isInt8(in) || !Structs.isInt8(out) || !w.isConstant()
                || w.type().elementType() != ElementType.INT8
                || (bias != null && (!bias.isConstant() || bias.type().elementType() != ElementType.INT32))) return false;
        int[] f = w.type().shape(), x = in.type().shape(), y = out.type().shape();
        if (f.length != 4 || x.length != 4 || y.length != 4 || x[0] != 1 || f[0] != 1 || f[1] != f[2]) return false;
        int k = f[1], c = x[3];
        if ((k != 3 && k != 5 && k != 7) || f[3] != c || y[3] != c || p.depthMultiplier() != 1 || p.dilationH() != 1
                || p.dilationW() != 1 || p.strideH() < 1 || p.strideH() > 2 || p.strideW() < 1 || p.strideW() > 2
                || p.padTop() < 0 || p.padLeft() < 0) return false;
        if ((long) k * 4 * rowStride(k, p.strideW(), y[2]) * 2 > RING_BYTES) return false;
        int[] chans = channelTable(p, w.constant().int8(), bias == null ? null : bias.constant().int32(), k * k, c);
        if (chans == null) return false;
        InPlace ip = ctx.inPlace(n);
        if (ip != null && !writesInPlace(x[1], x[2], y[1], y[2], k, p.strideH(), p.padTop())) return false;
        String table = ctx.declareArray("tf_conv_1x1_dsp_chan", "dw_chans", c, DspPointwiseKernels.structs(chans));
        // one function per distinct shape (models repeat their blocks): the filter and the table are its arguments
        String literals = x[1] + ", " + x[2] + ", " + c + ", " + y[1] + ", " + y[2] + ", " + k + ", " + p.strideH() + ", "
                + p.strideW() + ", " + p.padTop() + ", " + p.padLeft() + ", " + p.inputOffset() + ", " + p.activationMin() + ", "
                + p.activationMax();
        String fn = "dw_dsp_" + literals.replace(", ", "_").replace('-', 'm');
        code.include(HEADER);
        for (String d : unusedDeclarations) code.statement("(void)" + d + "; /* not needed by the specialized kernel */");
        OnceDeclared.definition(code, fn, "static void " + fn
                + "(const int8_t *in, int8_t *out, const int8_t *filter, const tf_conv_1x1_dsp_chan *chans)\n{\n"
                + "    tf_depthwise_conv_s8_dsp_layer(in, out, filter, chans, " + literals + ");\n}");
        // in place (DEPTHWISE_CHANNEL_PLANES) the output starts at the input's first byte: one buffer for both
        code.statement(fn + "(" + (ip != null ? ctx.ptr(out) : ctx.ptr(in)) + ", " + ctx.ptr(out) + ", " + ctx.ptr(w) + ", "
                + table + ");");
        return true;
    }

    /** tf_dw_dsp_row_stride of the header: int16 per ring row. */
    static int rowStride(int k, int strideW, int outW) { return ((outW - 1) * strideW + k + 2) & ~1; }

    /**
     * Per channel {doubled bias, multiplier, addend, e} (tf_conv_1x1_dsp_chan: {@link DspPointwiseKernels#channelTable}
     * with the channels as rows of taps, which checks that tf_conv_1x1_dsp_requant is exact for every input), or null.
     * The ring holds x + input_offset, so the bias is not folded: 2 * bias (inside int32: the bias lies within the
     * accumulator's range, which the table keeps under 2^30); 0 for a constant channel (multiplier 0: the sum is unused).
     */
    private static int[] channelTable(ConvParams p, byte[] hwc, int[] bias, int taps, int c) {
        byte[] rows = new byte[taps * c]; // channel-major: the layout channelTable reads
        for (int t = 0; t < taps; t++)
            for (int ch = 0; ch < c; ch++) rows[ch * taps + t] = hwc[t * c + ch];
        int[] t = DspPointwiseKernels.channelTable(p, rows, bias, taps, c, true);
        if (t == null) return null;
        for (int ch = 0; ch < c; ch++) t[4 * ch] = t[4 * ch + 1] == 0 || bias == null ? 0 : 2 * bias[ch];
        return t;
    }

    /**
     * tf_depthwise_conv_s8_inplace_dsp's ring_writes_in_place, which the body's order shares: when output row oy is
     * written, every input row up to the last one converted (`filled`) has been read and no later row reads an input row
     * before it, so the row may overwrite the input pixels up to the end of row `filled` (all once the last row is read).
     */
    static boolean writesInPlace(int inH, int inW, int outH, int outW, int k, int strideH, int padTop) {
        int filled = -1;
        for (int oy = 0; oy < outH; oy++) {
            int iy0 = oy * strideH - padTop, last = Math.min(iy0 + k - 1, inH - 1);
            if (last >= 0 && last >= iy0 && last > filled) filled = last;
            if (filled < inH - 1 && (long) (oy + 1) * outW > (long) (filled + 1) * inW) return false;
        }
        return true;
    }
}
