package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.CompileException;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.ir.Node;

/**
 * The tf_broadcast_nd initializer of a two-operand op: numpy broadcasting, shapes right-aligned, each
 * operand's element stride per output dimension, 0 where it has size 1 (so it repeats).
 */
final class BroadcastNd {
    static final int MAX_DIMS = 8;

    private BroadcastNd() {}

    /** Declares the struct for n's first two inputs and its output; returns &name. */
    static String declare(EmitContext ctx, Node n) {
        return declare(ctx, n, n.output().type().shape(), n.input(0).type().shape(), n.input(1).type().shape());
    }

    /** Declares the struct for operand shapes a and b broadcast to out; returns &name. */
    static String declare(EmitContext ctx, Node n, int[] out, int[] a, int[] b) {
        if (out.length > MAX_DIMS)
            throw new CompileException("node '" + n.name() + "': rank " + out.length + " exceeds the C kernels' " + MAX_DIMS);
        return "&" + ctx.declare("tf_broadcast_nd", "shape", "{" + out.length + ", " + padded(out) + ", "
                + padded(strides(a, out)) + ", " + padded(strides(b, out)) + "}");
    }

    static int[] strides(int[] in, int[] out) {
        int[] s = new int[out.length];
        int acc = 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int k = in.length - (out.length - i);
            int d = k >= 0 ? in[k] : 1;
            s[i] = d == 1 ? 0 : acc;
            acc *= d;
        }
        return s;
    }

    private static String padded(int[] v) {
        int[] p = new int[MAX_DIMS];
        System.arraycopy(v, 0, p, 0, v.length);
        return CLiterals.array(p);
    }
}
