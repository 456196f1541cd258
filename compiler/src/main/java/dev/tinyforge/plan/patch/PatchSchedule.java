package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCUNetV2-style patch-based inference as a graph rewrite into ordinary ops: the prefix of the graph up to
 * and including a split node is run once per cell of an n x m grid over the split node's output. Each
 * patch slices the window it needs from the graph input (STRIDED_SLICE), runs copies of the prefix ops on
 * patch-sized maps with explicit pads that pad only at true image borders (interior halo is recomputed
 * from the overlapping input), and the patch outputs are reassembled with CONCATENATION, each piece a
 * contiguous part of the map so that the planner folds the join (producers write straight into the map).
 * The interpreter and C backend then run the result unchanged.
 */
public final class PatchSchedule {

    private PatchSchedule() {}

    /**
     * Rewrites {@code g} in place; {@code splitIndex} is the position of the split node in execution order.
     * Returns the value that now holds the split node's full output map.
     */
    public static Value apply(Graph g, int splitIndex, int rows, int cols) {
        if (rows < 1 || cols < 1) throw new CompileException("patch grid must be at least 1x1, got " + rows + "x" + cols);
        List<Node> nodes = new ArrayList<>(g.nodes());
        if (splitIndex < 0 || splitIndex >= nodes.size()) {
            throw new CompileException("patch split layer " + splitIndex + " is outside 0.." + (nodes.size() - 1));
        }
        List<Node> prefix = nodes.subList(0, splitIndex + 1);
        List<Node> suffix = new ArrayList<>(nodes.subList(splitIndex + 1, nodes.size()));
        Value split = prefix.get(splitIndex).output();
        validate(g, prefix, split);
        int h = split.type().dim(1), w = split.type().dim(2);
        if (rows > h || cols > w) throw new CompileException("patch grid " + rows + "x" + cols + " is finer than the " + h + "x" + w + " split map");
        int[] rowCuts = cuts(h, rows), colCuts = cuts(w, cols);

        List<Node> created = new ArrayList<>();
        Value assembled = cols == 1 ? byCells(g, prefix, split, rowCuts, colCuts, created)
                : byMapRows(g, prefix, split, rowCuts, colCuts, created);

        g.replaceAllUses(split, assembled);
        for (int k = 0; k < g.outputs().size(); k++) if (g.outputs().get(k) == split) g.setOutput(k, assembled);
        for (int k = prefix.size() - 1; k >= 0; k--) g.removeNode(prefix.get(k));
        List<Node> order = new ArrayList<>(created);
        order.addAll(suffix);
        g.reorder(order);
        return assembled;
    }

    /** One column: the cells are consecutive bands of the map, joined along H (the planner writes them in place). */
    private static Value byCells(Graph g, List<Node> prefix, Value split, int[] rowCuts, int[] colCuts, List<Node> created) {
        List<Value> cells = new ArrayList<>();
        for (int i = 0; i + 1 < rowCuts.length; i++)
            cells.add(new PatchCloner(g, prefix, "p" + i + "_0", created).run(split, new Region(rowCuts[i], 0, rowCuts[i + 1], colCuts[1])));
        return concat(g, cells, 1, "patch_map", created);
    }

    /**
     * Several columns: a cell is not contiguous in the map, but each of its rows is. The split node runs once per
     * row of each cell, and all rows, in map order (row by row, cells left to right), are joined along W as a
     * 1 x 1 x (H*W) x C strip, then viewed (RESHAPE, no copy) as the map; the planner folds that join, so each row
     * is written straight into its place in the map, with no buffer of cells beside it.
     */
    private static Value byMapRows(Graph g, List<Node> prefix, Value split, int[] rowCuts, int[] colCuts, List<Node> created) {
        List<Value> strip = new ArrayList<>();
        for (int i = 0; i + 1 < rowCuts.length; i++) {
            List<List<Value>> cellRows = new ArrayList<>();
            for (int j = 0; j + 1 < colCuts.length; j++) {
                Region cell = new Region(rowCuts[i], colCuts[j], rowCuts[i + 1], colCuts[j + 1]);
                cellRows.add(new PatchCloner(g, prefix, "p" + i + "_" + j, created).runByRows(split, cell));
            }
            for (int y = 0; y < rowCuts[i + 1] - rowCuts[i]; y++) for (List<Value> c : cellRows) strip.add(c.get(y));
        }
        Value joined = concat(g, strip, 2, "patch_rows", created);
        Value map = g.newValue(g.uniqueName("patch_map"), split.type());
        created.add(g.addNode(map.name(), OpKind.RESHAPE, Attrs.None.INSTANCE, List.of(joined), List.of(map)));
        return map;
    }

    /** Whether the graph can be split after node {@code splitIndex} (any grid that fits the map). */
    public static boolean canSplitAt(Graph g, int splitIndex) {
        if (splitIndex < 0 || splitIndex >= g.nodes().size()) return false;
        List<Node> prefix = g.nodes().subList(0, splitIndex + 1);
        try {
            validate(g, prefix, prefix.get(splitIndex).output());
            return true;
        } catch (CompileException e) {
            return false;
        }
    }

    private static void validate(Graph g, List<Node> prefix, Value split) {
        checkPrefixIsClosed(g, prefix, split);
        if (split.type().rank() != 4) throw new CompileException("patch split layer output " + split.name() + " is not NHWC");
        // every prefix op must have a receptive field (throws naming the first that has none)
        PrefixFields f = PrefixFields.backward(prefix, java.util.Map.of(split, Region.whole(split.type().dim(1), split.type().dim(2))));
        for (Node n : prefix) {
            if (f.region(n.output()) == null) {
                throw new CompileException("patch split after " + prefix.get(prefix.size() - 1) + " crosses " + n
                        + ", which feeds the split only as a global (broadcast) value; split before it");
            }
        }
    }

    /** Even cuts with the remainder spread over the first cells, so any grid fits any size. */
    static int[] cuts(int size, int parts) {
        int[] c = new int[parts + 1];
        for (int k = 1; k <= parts; k++) c[k] = c[k - 1] + size / parts + (k <= size % parts ? 1 : 0);
        return c;
    }

    private static Value concat(Graph g, List<Value> parts, int axis, String name, List<Node> created) {
        if (parts.size() == 1) return parts.get(0);
        int[] shape = parts.get(0).type().shape();
        shape[axis] = parts.stream().mapToInt(v -> v.type().dim(axis)).sum();
        Value out = g.newValue(g.uniqueName(name), parts.get(0).type().withShape(shape));
        created.add(g.addNode(out.name(), OpKind.CONCATENATION, new Attrs.Concat(axis, Activation.NONE), parts, List.of(out)));
        return out;
    }

    /** Only the split node's output may leave the prefix; otherwise the rest of the graph would need full maps of it. */
    private static void checkPrefixIsClosed(Graph g, List<Node> prefix, Value split) {
        java.util.Set<Node> inPrefix = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inPrefix.addAll(prefix);
        for (Node n : prefix) {
            for (Value v : n.outputs()) {
                if (v == split) continue;
                if (g.outputs().contains(v) || v.users().stream().anyMatch(u -> !inPrefix.contains(u))) {
                    throw new CompileException("patch split after " + prefix.get(prefix.size() - 1) + " leaves " + v.name()
                            + " needed later in full; split at a later layer");
                }
            }
        }
    }
}
