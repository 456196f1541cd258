package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.ConvParams;

/**
 * A convolution of at most 32 taps per output (a first layer's 3x3x3) as a per-layer Helium function calling
 * tf_conv_s8_mve_gather_body of conv/conv_s8_mve_body.h: each pixel's taps are gathered from the image into two
 * 16-lane vectors (VLDRB gathers with u8 offsets), so each output is two VMLADAV, and the requantization narrows
 * 8 channels' sums into 8 lanes. Prepares the filters padded to 32 taps, the gather offsets and the per-8-channel
 * requantization constants (per 8 channels, in the lane order of the body).
 */
final class MveGatherConv {
    private MveGatherConv() {}

    /** Taps per output up to which the body applies (TF_CONV_GATHER_MAX_TAPS). */
    static final int MAX_TAPS = 32;

    /** Whether the layer (input NHWC x, filter OHWI f) runs through the gather body. */
    static boolean applies(int[] x, int[] f, ConvParams p) {
        int k = f[1] * f[2] * f[3];
        return k <= MAX_TAPS && f[0] % 8 == 0 && p.dilationH() == 1 && p.dilationW() == 1 && offsets(x, f) != null;
    }

    /**
     * The 32 gather offsets: tap t's byte offset in the image from the window's first tap (t < 16) or from tap 16
     * (t >= 16), 0 past the taps; the last element is tap 16's offset (B_AT). Null when one exceeds 255.
     */
    static int[] offsets(int[] x, int[] f) {
        int k = f[1] * f[2] * f[3];
        int[] at = new int[MAX_TAPS + 1];
        int bAt = k > 16 ? tapOffset(x, f, 16) : 0;
        for (int t = 0; t < k; t++) {
            int o = tapOffset(x, f, t) - (t < 16 ? 0 : bAt);
            if (o < 0 || o > 255) return null;
            at[t] = o;
        }
        at[MAX_TAPS] = bAt;
        return at;
    }

    /**
     * The body's tap table: the 32 gather offsets, then each lane's filter row, then its filter column (a lane past the
     * taps reads tap 0, or tap 16 in the second vector: their row and column).
     */
    private static int[] tapTable(int[] at, int[] f) {
        int k = f[1] * f[2] * f[3];
        int[] table = new int[3 * MAX_TAPS];
        for (int lane = 0; lane < MAX_TAPS; lane++) {
            int t = lane < k ? lane : lane < 16 ? 0 : 16;
            table[lane] = at[lane];
            table[MAX_TAPS + lane] = t < k ? t / (f[3] * f[2]) : 0;
            table[2 * MAX_TAPS + lane] = t < k ? (t / f[3]) % f[2] : 0;
        }
        return table;
    }

    /** Byte offset of tap t (OHWI order: row, column, channel) from the window's first byte. */
    private static int tapOffset(int[] x, int[] f, int t) {
        int c = t % f[3], fx = (t / f[3]) % f[2], fy = t / (f[3] * f[2]);
        return (fy * x[2] + fx) * x[3] + c;
    }

    static void body(EmitContext ctx, LayerCode code, String params, String quant, Value w, String folded, int[] foldedValues,
                     int[] x, int[] y, ConvParams p, String in, String out) {
        int[] f = w.type().shape();
        int oc = f[0], k = f[1] * f[2] * f[3];
        byte[] v = w.constant().int8();
        int[] padded = new int[oc * MAX_TAPS];
        for (int o = 0; o < oc; o++) for (int t = 0; t < k; t++) padded[o * MAX_TAPS + t] = v[o * k + t];
        // per 8 channels: {bias, multiplier, min(shift, 0), max(shift, 0)} of channels {0, 2, 4, 6}, then of {1, 3, 5, 7}
        int[] consts = new int[4 * oc];
        for (int b = 0; b < oc; b += 8) {
            for (int half = 0; half < 2; half++) {
                for (int lane = 0; lane < 4; lane++) {
                    int ch = b + 2 * lane + half, shift = p.shift(ch), at = 4 * b + 16 * half + lane;
                    consts[at] = foldedValues[ch];
                    consts[at + 4] = p.multiplier(ch);
                    consts[at + 8] = Math.min(shift, 0);
                    consts[at + 12] = Math.max(shift, 0);
                }
            }
        }
        int[] at = offsets(x, f);
        int[] words = new int[padded.length / 4];
        for (int i = 0; i < words.length; i++) {
            for (int j = 0; j < 4; j++) words[i] |= (padded[4 * i + j] & 0xFF) << (8 * j);
        }
        String filter32 = ctx.declareInts("filter32", words);
        String taps = ctx.declareArray("uint8_t", "gather_taps", 3 * MAX_TAPS, CLiterals.array(tapTable(at, f)));
        String table = ctx.declareInts("gather_consts", consts);
        String fn = table.replace("gather_consts", "conv_gather_mve");
        code.include("src/conv/conv_s8_mve_body.h");
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in, int8_t *out)");
        code.declare("{");
        code.declare("    tf_conv_s8_mve_gather_body(" + params + ", " + quant + ", " + ctx.ptr(w) + ", " + folded + ", " + filter32 + ", "
                + taps + ", " + table + ", in, out, " + x[1] + ", " + x[2] + ", " + x[3] + ", " + f[1] + ", " + f[2] + ", "
                + p.strideH() + ", " + p.strideW() + ", " + p.padTop() + ", " + p.padLeft() + ", " + y[1] + ", " + y[2] + ", "
                + oc + ", " + at[MAX_TAPS] + ", " + MveLayerBodies.kind(p) + ");");
        code.declare("}");
        code.statement(fn + "(" + in + ", " + out + ");");
    }
}
