package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.ConvParams;

/**
 * A general int8 CONV_2D on ARMv7E-M DSP cores specialized per layer: the layer gets its own static function
 * that instantiates runtime-c/src/conv/conv_s8_dsp_body.h's always-inline body with its shapes, strides,
 * padding, offsets and activation bounds as literal constants, and the per-channel bias and requantization
 * constants prepared here (SMMLAR form: the rounding addend with the output offset folded in). Filter rows whose tap
 * count is not a multiple of 4 are copied once, zero-padded (a first RGB layer: 27 taps to 28); small first-layer
 * filters are stored as the int16 pairs the body multiplies ("wide"). The model's own weight array is then
 * unreferenced (the firmware links with --gc-sections).
 */
final class DspConvKernels {
    /** Most taps (padded) of the body's stack column: kp int32 words plus kp bytes. */
    static final int MAX_TAPS = 640;
    /** Largest zero-padded filter copy (k % 4 != 0, not wide): it replaces the model's array, kp - k more bytes per row. */
    static final int MAX_PADDED_COPY = 8192;
    /**
     * Largest filter stored as ready int16 pairs (twice its int8 bytes, in place of them): 8 KB takes kws_ref_model's
     * 10x4 first layer (64 x 40 taps, 5 KB wide) for 2.5 KB more flash and a quarter fewer instructions in its dot.
     */
    static final int MAX_WIDE_BYTES = 8192;

    private DspConvKernels() {}

    /**
     * Emits the specialized kernel of a CONV_2D and returns true, or returns false (the caller emits its usual call).
     * unused: the caller's declarations (&name) the kernel does not need, referenced so that -Werror accepts them.
     */
    static boolean conv(Node n, EmitContext ctx, LayerCode code, ConvParams p, String... unused) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (!applies(n, ctx, p)) return false;
        int[] x = EmitContext.padTo4(in.type().shape()), f = w.type().shape(), y = EmitContext.padTo4(out.type().shape());
        int outC = f[0], k = f[1] * f[2] * f[3], kp = (k + 3) & ~3;
        boolean wide = isWide(x[3], outC, kp);
        String filter = wide ? wideFilter(ctx, w.constant().int8(), outC, k, kp)
                : kp == k ? ctx.ptr(w) : paddedFilter(ctx, w.constant().int8(), outC, k, kp);
        String chan = ctx.declareArray("tf_conv_dsp_chan", "dsp_chan", outC, channelConstants(p, bias, outC, wide));
        String fn = chan + "_conv";
        String shape = "{" + x[1] + ", " + x[2] + ", " + x[3] + ", " + f[1] + ", " + f[2] + ", " + p.strideH() + ", "
                + p.strideW() + ", " + p.dilationH() + ", " + p.dilationW() + ", " + p.padTop() + ", " + p.padLeft() + ", "
                + y[1] + ", " + y[2] + ", " + y[3] + ", " + x[0] + ", " + kp + ", " + p.inputOffset() + ", "
                + p.activationMin() + ", " + p.activationMax() + ", " + (wide ? 1 : 0) + "}";
        code.include("src/conv/conv_s8_dsp_body.h");
        code.declare("static void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    const tf_conv_dsp_shape s = " + shape + ";");
        code.declare("    int32_t col[" + kp + "];");
        code.declare("    int8_t bytes[" + (x[3] % 4 == 0 ? 4 : kp) + "];");
        code.declare("    tf_conv_s8_dsp_body(&s, in, " + filter + ", " + chan + ", out, col, bytes);");
        code.declare("}");
        code.statement("(void)" + String.join(", (void)", unused) + "; /* the generic kernel's parameters, not needed */");
        code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
        return true;
    }

    /**
     * DSP target, int8 in and out, constant int8 filter without groups, constant int32 bias or none, every shift a right
     * shift in [-24, -1] and sums the body's SMMLAR requantization keeps inside int32, an input read from memory (not
     * streamed), taps within the column.
     */
    private static boolean applies(Node n, EmitContext ctx, ConvParams p) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (!ctx.isa().hasDsp() || !Structs.isInt8(in) || !Structs.isInt8(out) || in.isStreamed() || ctx.inPlace(n) != null)
            return false;
        if (!w.isConstant() || w.type().elementType() != ElementType.INT8 || w.type().shape().length != 4) return false;
        if (bias != null && (!bias.isConstant() || bias.type().elementType() != ElementType.INT32)) return false;
        int[] f = w.type().shape(), x = in.type().shape();
        if (x.length != 4 || f[3] != x[3]) return false;
        int k = f[1] * f[2] * f[3], kp = (k + 3) & ~3;
        if (kp > MAX_TAPS || (kp != k && (long) f[0] * kp > MAX_PADDED_COPY)) return false;
        for (int c = 0; c < f[0]; c++) {
            if (p.shift(c) > -1 || p.shift(c) < -24 || p.multiplier(c) < 0) return false;
        }
        return smmlarExact(p, w.constant().int8(), bias == null ? null : bias.constant().int32(), f[0], k);
    }

    /**
     * Whether the body's SMMLAR requantization stays inside int32 for every input: per channel |acc| (bias plus the
     * taps' extremes over x + input_offset in [-128 + offset, 127 + offset]; padding taps contribute 0, inside that
     * range) below 2^30, so 2 * acc fits, and |v| + |add| + 1 below 2^31 with v the rounded high multiply.
     */
    private static boolean smmlarExact(ConvParams p, byte[] w, int[] bias, int outC, int k) {
        int lo = -128 + p.inputOffset(), hi = 127 + p.inputOffset();
        for (int c = 0; c < outC; c++) {
            long b = bias == null ? 0 : bias[c], accLo = b, accHi = b;
            for (int i = 0; i < k; i++) {
                long wi = w[c * k + i];
                accLo += Math.min(wi * lo, wi * hi);
                accHi += Math.max(wi * lo, wi * hi);
            }
            long accMax = Math.max(Math.abs(accLo), Math.abs(accHi)), e = -p.shift(c);
            long vMax = ((accMax * p.multiplier(c) + (1L << 30)) >> 31) + 1;
            long add = (1L << (e - 1)) + (long) p.outputOffset() * (1L << e);
            if (accMax >= 1L << 30 || vMax + 1 + Math.abs(add) >= 1L << 31) return false;
        }
        return true;
    }

    /**
     * First layers (input channels not a multiple of 4: RGB, one-channel spectrograms) with a small filter keep it as
     * int16 pairs: one LDRD per 4 taps instead of LDR and two SXTB16; the LDRD reaches the next row (kp * 2 bytes on).
     */
    private static boolean isWide(int inC, int outC, int kp) {
        return inC % 4 != 0 && (long) outC * kp * 2 <= MAX_WIDE_BYTES && kp * 2 <= 1020;
    }

    /**
     * The filter as conv_s8_dsp_body.h's wide rows: per channel and group of 4 taps (zero past k) the int32 words
     * (w0 | w2 << 16) and (w1 | w3 << 16) of the doubled taps (|2w| <= 256 fits a half; the sums are 2 * acc, the form
     * the requantization takes).
     */
    private static String wideFilter(EmitContext ctx, byte[] v, int outC, int k, int kp) {
        int[] t = new int[outC * kp / 2];
        for (int o = 0; o < outC; o++) {
            for (int g = 0; g < kp / 4; g++) {
                int[] tap = new int[4];
                for (int j = 0; j < 4; j++) tap[j] = 4 * g + j < k ? 2 * v[o * k + 4 * g + j] : 0;
                t[o * kp / 2 + 2 * g] = (tap[0] & 0xFFFF) | (tap[2] << 16);
                t[o * kp / 2 + 2 * g + 1] = (tap[1] & 0xFFFF) | (tap[3] << 16);
            }
        }
        return ctx.declareInts("filter_wide", t);
    }

    /** The filter rows zero-padded from k to kp taps, declared; returns its name. */
    private static String paddedFilter(EmitContext ctx, byte[] v, int outC, int k, int kp) {
        int[] t = new int[outC * kp];
        for (int o = 0; o < outC; o++) for (int i = 0; i < k; i++) t[o * kp + i] = v[o * k + i];
        return ctx.declareArray("int8_t", "filter_padded", t.length, CLiterals.array(t));
    }

    /**
     * Per channel {bias, multiplier, add, e} (tf_conv_dsp_chan): the bias (doubled for a wide filter, whose taps are
     * doubled), TFLite's multiplier, add = 2^(e-1) + output_offset * 2^e and e = -shift.
     */
    private static String channelConstants(ConvParams p, Value bias, int outC, boolean wide) {
        int[] b = bias == null ? new int[outC] : bias.constant().int32();
        StringBuilder s = new StringBuilder("{");
        for (int c = 0; c < outC; c++) {
            int e = -p.shift(c);
            long add = (1L << (e - 1)) + (long) p.outputOffset() * (1L << e);
            s.append(c == 0 ? "\n    {" : ",\n    {").append(CLiterals.intLiteral(wide ? 2 * b[c] : b[c])).append(", ")
                    .append(CLiterals.intLiteral(p.multiplier(c))).append(", ")
                    .append(CLiterals.intLiteral((int) add)).append(", ").append(e).append('}');
        }
        return s.append("\n}").toString();
    }
}
