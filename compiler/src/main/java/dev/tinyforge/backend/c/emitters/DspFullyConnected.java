package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.FullyConnectedParams;

/**
 * FULLY_CONNECTED int8 on cores with the DSP extension: tf_fully_connected_s8_dsp, which reads the weights packed four
 * output rows at a time (one pointer for four rows, so the input's int16 pairs serve four rows without spilling) and
 * a bias with the input offset folded in, both prepared here. Symmetric weights only (TFLite's int8 FC).
 */
final class DspFullyConnected {
    private DspFullyConnected() {}

    /** Emits the call and returns true, or returns false (the caller emits the portable kernel). */
    static boolean emit(Node n, EmitContext ctx, LayerCode code, FullyConnectedParams p, String params, String quant,
                        String batches) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (!ctx.isa().hasDsp() || !Structs.isInt8(in) || p.filterOffset() != 0 || !MveKernels.constantWeights(w, bias)) {
            return false;
        }
        int outDepth = w.type().dim(0), inDepth = w.type().dim(1);
        String packed = OnceDeclared.words(code, ctx.ptr(w) + "_rows4", packedRows4(w.constant().int8(), inDepth, outDepth));
        String folded = MveKernels.foldedBias(ctx, MveKernels.rowSums(w), bias, p.inputOffset());
        code.call("tf_fully_connected_s8_dsp", params, quant, batches, Integer.toString(inDepth), ctx.ptr(in),
                Integer.toString(outDepth), packed, folded, ctx.ptr(out));
        return true;
    }

    /**
     * [O][I] weights as tf_fully_connected_s8_dsp reads them (tf_kernels.h): per block k of rows 4k .. 4k + 3 and group g
     * of inputs 4g .. 4g + 3, the little-endian words of the four rows' bytes; zero past I and for rows past O.
     */
    static int[] packedRows4(byte[] w, int inDepth, int outDepth) {
        int groups = (inDepth + 3) / 4, blocks = (outDepth + 3) / 4;
        int[] words = new int[blocks * groups * 4];
        for (int k = 0; k < blocks; k++) {
            for (int g = 0; g < groups; g++) {
                for (int r = 0; r < 4; r++) {
                    int o = 4 * k + r, word = 0;
                    for (int b = 0; b < 4; b++) {
                        int i = 4 * g + b;
                        if (o < outDepth && i < inDepth) word |= (w[o * inDepth + i] & 0xFF) << (8 * b);
                    }
                    words[(k * groups + g) * 4 + r] = word;
                }
            }
        }
        return words;
    }
}
