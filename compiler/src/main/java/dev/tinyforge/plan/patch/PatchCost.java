package dev.tinyforge.plan.patch;

import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

import java.util.List;
import java.util.Map;

/**
 * What a patch setting costs, computed from receptive fields alone (no graph rewrite): the MACs the patches
 * execute (exact: a layer's MACs are proportional to the output pixels it computes) and the largest single
 * patch tensor (a window or an output region) of each grid row, which every plan of the patch stage must hold
 * at some step of that row.
 */
record PatchCost(long prefixMacs, long patchedPrefixMacs, long[] largestTensorBytesByRow) {

    long extraMacs() { return patchedPrefixMacs - prefixMacs; }

    /** The largest patch tensor of any cell. */
    long largestPatchTensorBytes() {
        long m = 0;
        for (long b : largestTensorBytesByRow) m = Math.max(m, b);
        return m;
    }

    /**
     * Costs of running {@code prefix} (execution order, ending with the split node) as a rows x cols grid.
     * With {@code inputStreamed} the windows of graph inputs are not counted (a float window is never held,
     * only its int8 conversion, which is the next op's output), so the largest tensor stays a lower bound.
     */
    static PatchCost of(List<Node> prefix, int rows, int cols, boolean inputStreamed) {
        Value split = prefix.get(prefix.size() - 1).output();
        int[] rc = PatchSchedule.cuts(split.type().dim(1), rows), cc = PatchSchedule.cuts(split.type().dim(2), cols);
        long macs = 0;
        for (Node n : prefix) macs += Macs.of(n);
        long patched = 0;
        long[] largestByRow = new long[rows];
        for (int i = 0; i < rows; i++) {
            long largest = 0;
            for (int j = 0; j < cols; j++) {
                Region cell = new Region(rc[i], cc[j], rc[i + 1], cc[j + 1]);
                PrefixFields f = PrefixFields.backward(prefix, Map.of(split, cell));
                for (Node n : prefix) {
                    Region out = f.region(n.output());
                    if (out == null) continue;
                    patched += macsPerPixel(n) * out.area();
                    largest = Math.max(largest, bytes(n.output(), out));
                    // With several columns the split node runs row by row (PatchSchedule): its windows are rows, not cells.
                    if (cols > 1 && n.output() == split) continue;
                    for (int k = 0; k < n.inputs().size(); k++) {
                        InputWindow w = ReceptiveField.inputWindow(n, k, out);
                        boolean graphInput = n.input(k).producer() == null;
                        if (w != null && !(graphInput && inputStreamed)) largest = Math.max(largest, bytes(n.input(k), w.region()));
                    }
                }
            }
            largestByRow[i] = largest;
        }
        return new PatchCost(macs, patched, largestByRow);
    }

    private static long macsPerPixel(Node n) {
        long m = Macs.of(n);
        if (m == 0) return 0;
        return m / ((long) n.output().type().dim(1) * n.output().type().dim(2));
    }

    /** Bytes of a region of an NHWC value. */
    static long bytes(Value v, Region r) {
        return r.area() * v.type().dim(3) * v.type().elementType().byteSize();
    }
}
