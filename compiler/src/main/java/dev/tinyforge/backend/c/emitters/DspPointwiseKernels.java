package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.ConvParams;

/**
 * An int8 1x1 CONV_2D on a core with the DSP extension, specialized per layer: a static function in model.c that
 * calls the always-inline body of runtime-c/src/conv/conv_s8_1x1_dsp_body.h with the layer's shapes, strides and
 * activation bounds as literals, and tables prepared here: the weights as int32 words in the order the kernel
 * reads them (channel pairs interleaved per group of 4 input channels) and per output channel the folded bias
 * (bias + inputOffset * sum of its weights, int32 wrapping like the accumulator; doubled when the kernel doubles
 * its input columns), the multiplier, the rounding addend with the output offset folded in, and the shift.
 * Returns false (the caller emits its generic call) where the header's exactness conditions do not hold.
 */
final class DspPointwiseKernels {
    /** TF_CONV_1X1_DSP_LAYER_MAX_C in conv_s8_1x1_dsp_body.h: the tile's columns on the stack in one chunk. */
    static final int MAX_IN_C = 512;
    /** TF_CONV_1X1_DSP_SCRATCH_WORDS: a chunk's columns (2 words per channel) and 8 partial sums per channel pair. */
    static final int SCRATCH_WORDS = 1024;
    /** TF_CONV_1X1_DSP_CHUNKED_MAX_C: the portable body's copy of one pixel's input. */
    static final int CHUNKED_MAX_IN_C = 4 * SCRATCH_WORDS;
    /** The narrowest chunk worth the partial sums' extra loads and stores. */
    static final int MIN_CHUNK = 64;
    static final String HEADER = "src/conv/conv_s8_1x1_dsp_body.h";

    private DspPointwiseKernels() {}

    /** Emits the specialized 1x1 layer and returns true, or returns false. */
    static boolean conv(Node n, EmitContext ctx, LayerCode code, ConvParams p, String... unusedDeclarations) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (!ctx.isa().hasDsp() || !Structs.isInt8(in) || !Structs.isInt8(out) || !w.isConstant()
                || w.type().elementType() != ElementType.INT8
                || (bias != null && (!bias.isConstant() || bias.type().elementType() != ElementType.INT32))) return false;
        int[] f = w.type().shape(), x = EmitContext.padTo4(in.type().shape()), y = EmitContext.padTo4(out.type().shape());
        int inC = x[3], outC = y[3];
        if (f.length != 4 || f[1] != 1 || f[2] != 1 || f[3] != inC || f[0] != outC || p.padTop() != 0 || p.padLeft() != 0)
            return false;
        int[] chunks = chunks(inC, outC);
        if (chunks == null) return false;
        boolean chunked = chunks[0] < inC || chunks[1] < outC;
        boolean wide = !chunked && WidePointwiseBudget.isWide(n);
        String variant = chunked ? "chunked_" : wide ? "wide_" : "";
        boolean doubleCols = inC < 2 * outC;
        int[] chans = channelTable(p, w.constant().int8(), bias == null ? null : bias.constant().int32(), inC, outC, doubleCols);
        if (chans == null) return false;
        int shift = uniformShift(chans);
        String table = ctx.declareArray("tf_conv_1x1_dsp_chan", "pw_chans", outC, structs(chans));
        String weights = declarePackedWeights(code, ctx.ptr(w) + (wide ? "_wide" : ""), wide
                ? wideWeights(w.constant().int8(), inC, outC) : packedWeights(w.constant().int8(), inC, outC));
        String fn = table.substring(0, table.length() - "pw_chans".length()) + "conv1x1";
        String tail = (doubleCols ? 1 : 0) + ", " + shift + ", " + p.activationMin() + ", " + p.activationMax();
        code.include(HEADER);
        for (String d : unusedDeclarations) code.statement("(void)" + d + "; /* not needed by the specialized kernel */");
        InPlace ip = ctx.inPlace(n);
        if (ip != null) {
            // POINTWISE_PIXELS: output at the input's first byte; the body keeps tf_conv_s8_1x1_inplace's pixel order
            code.declare("static void " + fn + "(int8_t *buf)\n{\n    tf_conv_s8_1x1_inplace_dsp_" + variant
                    + "layer(buf, " + weights + ", " + table + ", " + (long) x[0] * x[1] * x[2] + ", " + inC
                    + (chunked ? ", " + chunks[0] : "") + ", " + outC + (chunked ? ", " + chunks[1] : "") + ", " + tail + ");\n}");
            code.statement(fn + "(" + ctx.ptr(out) + ");");
        } else {
            code.declare("static void " + fn + "(const int8_t *in, int8_t *out)\n{\n    tf_conv_s8_1x1_dsp_" + variant
                    + "layer(in, out, " + weights + ", " + table + ", " + x[0] + ", " + x[1] + ", " + x[2] + ", " + inC
                    + (chunked ? ", " + chunks[0] : "") + ", " + y[1] + ", " + y[2] + ", " + outC
                    + (chunked ? ", " + chunks[1] : "") + ", " + p.strideH() + ", " + p.strideW() + ", " + tail + ");\n}");
            code.statement(fn + "(" + ctx.ptr(in) + ", " + ctx.ptr(out) + ");");
        }
        return true;
    }

    /**
     * {input channels widened at a time, output channels per pass} of conv_s8_1x1_dsp_body.h's tile: {inC, outC} up to
     * {@link #MAX_IN_C} input channels; past it the split of the scratch words (a chunk's columns, 2 words per channel;
     * 8 words of partial sums per channel pair of a pass; with several passes the tile's staged outputs, outC words) with
     * the fewest estimated extra instructions per tile (a pass widens every input channel again, about 6 instructions
     * per channel; a chunk past the first saves and reloads every pair's partial sums, about 20 each); null when nothing
     * fits (the generic kernel runs).
     */
    static int[] chunks(int inC, int outC) {
        if (inC <= MAX_IN_C) return new int[] {inC, outC};
        if (inC > CHUNKED_MAX_IN_C) return null;
        int pairs = (outC + 1) / 2;
        int[] best = null;
        long bestCost = Long.MAX_VALUE;
        for (int k = 2; k <= 64; k++) {
            int chunk = ((inC + k - 1) / k + 3) / 4 * 4;
            if (chunk < MIN_CHUNK) break;
            int outChunk;
            if (2 * chunk + 8 * pairs <= SCRATCH_WORDS) {
                outChunk = outC; // one pass: partial sums of every pair
            } else {
                int passPairs = (SCRATCH_WORDS - outC - 2 * chunk) / 8;
                if (passPairs < 8) continue;
                int passes = (pairs + passPairs - 1) / passPairs;
                outChunk = 2 * ((pairs + passes - 1) / passes);
            }
            int passes = (outC + outChunk - 1) / outChunk;
            long cost = (long) (passes - 1) * 6 * inC + (long) (k - 1) * pairs * 20;
            if (cost < bestCost) {
                bestCost = cost;
                best = new int[] {chunk, outChunk};
            }
        }
        return best;
    }

    /**
     * Per channel {bias, multiplier, add, e} (tf_conv_1x1_dsp_chan), or null when the kernel's arithmetic is not exact
     * for some input: a left or zero shift, a negative multiplier, |acc| reaching 2^30 (the kernel doubles it), or
     * v + add + (acc >> 31) leaving int32, with v the rounded high multiply, |v| <= vMax. A channel whose clamped
     * output is the same at both ends of its accumulator's range (TFLite's requantization is monotonic) is that
     * constant for every input: it gets bias 0, multiplier 0 and the layer's common e, so tiny-scale or huge-bias
     * channels (dead channels of trained models) neither overflow the kernel nor break a uniform shift.
     */
    static int[] channelTable(ConvParams p, byte[] w, int[] bias, int inC, int outC, boolean doubleCols) {
        int[] t = new int[4 * outC];
        int[] constant = new int[outC];
        boolean[] isConstant = new boolean[outC];
        int[] counts = new int[32];
        int lo = -128 + p.inputOffset(), hi = 127 + p.inputOffset();
        for (int oc = 0; oc < outC; oc++) {
            int e = -p.shift(oc), m = p.multiplier(oc);
            long b = bias == null ? 0 : bias[oc], accLo = b, accHi = b, sum = 0;
            for (int i = 0; i < inC; i++) {
                int wi = w[oc * inC + i];
                sum += wi;
                accLo += Math.min((long) wi * lo, (long) wi * hi);
                accHi += Math.max((long) wi * lo, (long) wi * hi);
            }
            if (e >= 0 && m >= 0 && accLo >= Integer.MIN_VALUE && accHi <= Integer.MAX_VALUE) {
                int yLo = clamp(FixedPoint.multiplyByQuantizedMultiplier((int) accLo, m, p.shift(oc)) + p.outputOffset(), p);
                int yHi = clamp(FixedPoint.multiplyByQuantizedMultiplier((int) accHi, m, p.shift(oc)) + p.outputOffset(), p);
                if (yLo == yHi) {
                    isConstant[oc] = true;
                    constant[oc] = yLo;
                    continue;
                }
            }
            long accMax = Math.max(Math.abs(accLo), Math.abs(accHi));
            if (e < 1 || e > 30 || m < 0 || accMax >= 1L << 30) return null;
            long vMax = ((accMax * m + (1L << 30)) >> 31) + 1;
            long add = (1L << (e - 1)) + (long) p.outputOffset() * (1L << e);
            if (vMax + 1 + Math.abs(add) >= 1L << 31) return null;
            int folded = (int) (b + (long) p.inputOffset() * sum); // int32 wrapping, like the accumulator
            t[4 * oc] = doubleCols ? folded * 2 : folded;
            t[4 * oc + 1] = m;
            t[4 * oc + 2] = (int) add;
            t[4 * oc + 3] = e;
            counts[e]++;
        }
        int common = 1; // the most frequent e, small enough for the constant channels' addend
        for (int e = 1; e <= 23; e++) if (counts[e] > counts[common]) common = e;
        for (int oc = 0; oc < outC; oc++) {
            if (!isConstant[oc]) continue;
            // (0 + add + (acc >> 31)) >> e == constant for either sign: add = constant * 2^e + 2^(e-1), |constant| <= 128, e <= 23
            t[4 * oc + 2] = constant[oc] * (1 << common) + (1 << (common - 1));
            t[4 * oc + 3] = common;
        }
        return t;
    }

    private static int clamp(int v, ConvParams p) { return Math.max(p.activationMin(), Math.min(p.activationMax(), v)); }

    /** The one shift of every channel (the kernel folds it into SSAT), or 0: each channel reads its own. */
    private static int uniformShift(int[] chans) {
        for (int i = 7; i < chans.length; i += 4) if (chans[i] != chans[3]) return 0;
        return chans[3];
    }

    static String structs(int[] chans) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < chans.length; i += 4) {
            if (i > 0) sb.append(i % 32 == 0 ? ",\n    " : ", ");
            sb.append('{').append(chans[i]).append(", ").append(chans[i + 1]).append(", ").append(chans[i + 2]).append(", ")
                    .append(chans[i + 3]).append('}');
        }
        return sb.append('}').toString();
    }

    /** Declares the packed weights of the constant named {@code weightName} once per model.c; returns the array's name. */
    private static String declarePackedWeights(LayerCode code, String weightName, int[] words) {
        return OnceDeclared.words(code, weightName + "_pw", words);
    }

    /**
     * OHWI weights as the wide kernel reads them (tf_conv_s8_1x1*_dsp_wide_layer): per channel pair k and group g of 4
     * input channels four int32 words of int16 pairs, channel 2k's (w0 | w2 << 16), channel 2k+1's, then channel 2k's
     * (w1 | w3 << 16), channel 2k+1's (the halves SXTB16 would make); zero past in_c and for the channel after an odd last.
     */
    static int[] wideWeights(byte[] w, int inC, int outC) {
        int groups = (inC + 3) / 4, pairs = (outC + 1) / 2;
        int[] words = new int[pairs * groups * 4];
        for (int k = 0; k < pairs; k++) {
            for (int g = 0; g < groups; g++) {
                for (int s = 0; s < 2; s++) {
                    int oc = 2 * k + s;
                    int[] tap = new int[4];
                    for (int b = 0; b < 4; b++) {
                        int i = 4 * g + b;
                        if (oc < outC && i < inC) tap[b] = w[oc * inC + i];
                    }
                    words[(k * groups + g) * 4 + s] = (tap[0] & 0xFFFF) | (tap[2] << 16);
                    words[(k * groups + g) * 4 + 2 + s] = (tap[1] & 0xFFFF) | (tap[3] << 16);
                }
            }
        }
        return words;
    }

    /**
     * OHWI weights as the kernel reads them: per channel pair k and group g of 4 input channels, the little-endian
     * word of channel 2k's weights 4g..4g+3, then channel 2k+1's; zero past in_c and for the channel after an odd last.
     */
    static int[] packedWeights(byte[] w, int inC, int outC) {
        int groups = (inC + 3) / 4, pairs = (outC + 1) / 2;
        int[] words = new int[pairs * groups * 2];
        for (int k = 0; k < pairs; k++) {
            for (int g = 0; g < groups; g++) {
                for (int s = 0; s < 2; s++) {
                    int oc = 2 * k + s, word = 0;
                    for (int b = 0; b < 4; b++) {
                        int i = 4 * g + b;
                        if (oc < outC && i < inC) word |= (w[oc * inC + i] & 0xFF) << (8 * b);
                    }
                    words[(k * groups + g) * 2 + s] = word;
                }
            }
        }
        return words;
    }
}
