package dev.tinyforge.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * A TRANSPOSE whose only user is a reduction (MEAN, REDUCE_MAX) moves below it: the reduction runs on the
 * untransposed input over the permuted axes, and what is left of the permutation applies to the smaller
 * result, as a RESHAPE where it only moves size-1 dimensions, or not at all. Models converted from PyTorch
 * end with NHWC -> NCHW transposes before a global MEAN (mcunet-vww: a 1x3x3x160 transpose, then two
 * MEANs); after this pass the transpose is gone. Exact where the reduction does not depend on the order of
 * its elements: any REDUCE_MAX, and MEAN on integers (int32 sums); a float MEAN is left alone.
 */
public final class SinkTransposeIntoReduce implements Pass {
    @Override public String name() { return "sink-transpose-into-reduce"; }

    @Override public void run(Graph g) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node t : new ArrayList<>(g.nodes())) {
                if (t.kind() == OpKind.TRANSPOSE && sinks(g, t)) {
                    changed = true;
                    break; // the node list changed; the next round sees the moved transpose
                }
            }
        }
    }

    private static boolean sinks(Graph g, Node t) {
        Value x = t.input(0), mid = t.output();
        if (x == null || mid.users().size() != 1 || g.outputs().contains(mid)) return false;
        Node r = mid.users().get(0);
        if (r.kind() != OpKind.REDUCE_MAX && !(r.kind() == OpKind.MEAN && !mid.type().elementType().isFloat())) return false;
        if (r.input(0) != mid || r.inputs().size() != 1) return false;
        int rank = x.type().rank();
        int[] perm = t.attrs(Attrs.Transpose.class).perm();
        Attrs.Reduce red = r.attrs(Attrs.Reduce.class);
        boolean[] reduced = new boolean[rank]; // over x's axes
        for (int a : red.axes()) reduced[perm[a < 0 ? a + rank : a]] = true;
        int[] axes = indicesOf(reduced, true);
        int[] xs = x.type().shape(), reducedShape;
        int[] rest; // the permutation left for the reduced tensor
        if (red.keepDims()) {
            reducedShape = xs.clone();
            for (int a : axes) reducedShape[a] = 1;
            rest = perm;
        } else {
            int[] kept = indicesOf(reduced, false); // x's axes that stay, in x's order
            reducedShape = new int[kept.length];
            for (int i = 0; i < kept.length; i++) reducedShape[i] = xs[kept[i]];
            rest = new int[kept.length];
            int k = 0;
            for (int j = 0; j < rank; j++) {
                if (!reduced[perm[j]]) rest[k++] = Arrays.binarySearch(kept, perm[j]);
            }
        }
        Value out = r.output();
        String outName = out.name();
        TensorType outType = out.type();
        Value sunk = g.newValue(g.uniqueName(outName + "_untransposed"), outType.withShape(reducedShape));
        int at = g.nodes().indexOf(t);
        g.insertNode(at, r.name(), r.kind(), new Attrs.Reduce(axes, red.keepDims()), List.of(x), List.of(sunk));
        Value result = sunk;
        if (!isIdentity(rest)) {
            result = g.newValue(g.uniqueName(outName + "_moved"), outType);
            boolean onlyOnes = keepsOrderOfLargeDims(rest, reducedShape);
            g.insertNode(at + 1, t.name(), onlyOnes ? OpKind.RESHAPE : OpKind.TRANSPOSE,
                    onlyOnes ? Attrs.None.INSTANCE : new Attrs.Transpose(rest), List.of(sunk), List.of(result));
        }
        g.replaceAllUses(out, result);
        g.removeNode(r);
        g.removeNode(t);
        g.renameValue(result, outName);
        return true;
    }

    private static int[] indicesOf(boolean[] flags, boolean value) {
        int n = 0;
        for (boolean f : flags) if (f == value) n++;
        int[] r = new int[n];
        int k = 0;
        for (int i = 0; i < flags.length; i++) if (flags[i] == value) r[k++] = i;
        return r;
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) if (perm[i] != i) return false;
        return true;
    }

    /** Whether permuting a tensor of this shape keeps its dimensions larger than 1 in order (bytes unchanged). */
    private static boolean keepsOrderOfLargeDims(int[] perm, int[] shape) {
        int last = -1;
        for (int p : perm) {
            if (shape[p] == 1) continue;
            if (p < last) return false;
            last = p;
        }
        return true;
    }
}
