package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.Isa;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.AddParams;

/**
 * An int8 ADD of two same-shape inputs as a per-layer Helium function calling tf_add_s8_mve_body of
 * add/add_s8_mve_body.h: the input with the larger scale (multiplier 2^30, shift 0: its rescale is a shift) enters
 * by one VMLA, the other through a 256-entry table of its rescaled values prepared here with TFLite's arithmetic
 * (plus the first input's offset term), and the output rescale is one VQRDMLASH, the sign fix-up and a shift.
 */
final class MveAdd {
    private MveAdd() {}

    /** Elements from which the body runs (TF_ADD_MVE_BODY_MIN_SIZE): below, the table's 1 KB outweighs what it saves. */
    static final int MIN_SIZE = 256;
    /** The largest output right shift handled (2^(E-1) + zp * 2^E must stay far inside int32). */
    private static final int MAX_SHIFT = 23;

    /** Emits the layer and returns true, or returns false (not an MVE board, or parameters the body does not cover). */
    static boolean add(Node n, EmitContext ctx, LayerCode code, AddParams p, String params, long size) {
        if (ctx.isa() != Isa.MVE || size < MIN_SIZE || size > Integer.MAX_VALUE || p.leftShift() < 1) return false;
        boolean aFirst = half(p.input1Multiplier(), p.input1Shift());
        if (!aFirst && !half(p.input2Multiplier(), p.input2Shift())) return false;
        int e = -p.outputShift();
        if (e < 0 || e > MAX_SHIFT) return false;
        int offA = aFirst ? p.input1Offset() : p.input2Offset(), offB = aFirst ? p.input2Offset() : p.input1Offset();
        int mB = aFirst ? p.input2Multiplier() : p.input1Multiplier(), sB = aFirst ? p.input2Shift() : p.input1Shift();
        int[] table = new int[256];
        for (int u = 0; u < 256; u++) {
            int rescaled = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp((((byte) u) + offB) * (1 << p.leftShift()), mB, sB);
            table[u] = rescaled + offA * (1 << (p.leftShift() - 1));
        }
        int add = e == 0 ? p.outputOffset() : (1 << (e - 1)) + p.outputOffset() * (1 << e);
        String t = ctx.declareInts("add_table", table);
        String fn = t.replace("add_table", "add_mve");
        Value in1 = n.input(0), in2 = n.input(1), out = n.output();
        code.include("src/add/add_s8_mve_body.h");
        code.declare("static __attribute__((noinline)) void " + fn + "(const int8_t *in1, const int8_t *in2, int8_t *out)");
        code.declare("{");
        code.declare("    tf_add_s8_mve_body(" + params + ", " + t + ", in1, in2, out, " + (aFirst ? 1 : 0) + ", " + size + ", "
                + (1 << (p.leftShift() - 1)) + ", " + p.outputMultiplier() + ", " + add + ", " + e + ", " + p.activationMin() + ", "
                + p.activationMax() + ");");
        code.declare("}");
        code.statement(fn + "(" + ctx.ptr(in1) + ", " + ctx.ptr(in2) + ", " + ctx.ptr(out) + ");");
        return true;
    }

    /** The larger-scale input's rescale: multiplier 2^30 (one half), shift 0. */
    private static boolean half(int multiplier, int shift) {
        return multiplier == 1 << 30 && shift == 0;
    }
}
