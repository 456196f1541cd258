package dev.tinyforge.plan.patch;

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
 * Emits one patch of a {@link PatchSchedule}: copies of the prefix nodes on patch-sized maps. Every copied
 * value remembers which region of the original map it holds; a consumer that needs less than that (a
 * residual skip beside a wider depthwise path, or the graph input) reads it through a STRIDED_SLICE.
 */
final class PatchCloner {

    private record Piece(Value value, Region region) {}

    private final Graph g;
    private final List<Node> prefix;
    private final String tag;
    private final List<Node> created;
    private final Map<Value, Piece> pieces = new IdentityHashMap<>();

    PatchCloner(Graph g, List<Node> prefix, String tag, List<Node> created) {
        this.g = g;
        this.prefix = prefix;
        this.tag = tag;
        this.created = created;
    }

    /** Emits the patch producing {@code cell} of {@code split}; returns the value holding exactly that cell. */
    Value run(Value split, Region cell) {
        PrefixFields fields = PrefixFields.backward(prefix, Map.of(split, cell));
        for (Node n : prefix) {
            Region out = fields.region(n.output());
            if (out != null) emit(n, out);
        }
        return read(split, cell);
    }

    /**
     * Emits the patch producing {@code cell} of {@code split} with the split node run once per row of the cell
     * (same MACs: each output pixel is still computed once); returns the rows, each 1 x 1 x width x C, top to
     * bottom. A row of a map is contiguous, so the rows of all cells can be written straight into the map.
     */
    List<Value> runByRows(Value split, Region cell) {
        PrefixFields fields = PrefixFields.backward(prefix, Map.of(split, cell));
        for (Node n : prefix) {
            Region out = fields.region(n.output());
            if (out != null && n.output() != split) emit(n, out);
        }
        List<Value> rows = new ArrayList<>();
        for (int y = cell.rowBegin(); y < cell.rowEnd(); y++) {
            rows.add(emit(split.producer(), new Region(y, cell.colBegin(), y + 1, cell.colEnd())));
        }
        return rows;
    }

    /** A copy of prefix node n computing region {@code out} of its output, reading its windows of this patch's copies. */
    private Value emit(Node n, Region out) {
        List<Value> ins = new ArrayList<>();
        int[] borderPads = null;
        for (int k = 0; k < n.inputs().size(); k++) {
            InputWindow w = ReceptiveField.inputWindow(n, k, out);
            if (w == null) {
                ins.add(n.input(k));
                continue;
            }
            if (k == 0) borderPads = w.pads();
            ins.add(read(n.input(k), w.region()));
        }
        Value o = n.output();
        int[] shape = o.type().shape();
        shape[1] = out.height();
        shape[2] = out.width();
        Value copy = g.newValue(g.uniqueName(o.name() + "_" + tag), o.type().withShape(shape));
        created.add(g.addNode(copy.name(), n.kind(), withBorderPads(n, borderPads), ins, List.of(copy)));
        pieces.put(o, new Piece(copy, out));
        return copy;
    }

    /** {@code region} of original value {@code v}, from this patch's copy or, outside the prefix, the full map. */
    private Value read(Value v, Region region) {
        Piece p = pieces.get(v);
        if (p == null) p = new Piece(v, Region.whole(v.type().dim(1), v.type().dim(2)));
        if (p.region().equals(region)) return p.value();
        Region have = p.region();
        if (region.rowBegin() < have.rowBegin() || region.colBegin() < have.colBegin()
                || region.rowEnd() > have.rowEnd() || region.colEnd() > have.colEnd()) {
            throw new IllegalStateException("patch " + tag + " needs " + region + " of " + v.name() + " but holds " + have);
        }
        int c = v.type().dim(3);
        Value out = g.newValue(g.uniqueName(v.name() + "_" + tag + "_win"),
                v.type().withShape(1, region.height(), region.width(), c));
        Attrs.StridedSlice a = new Attrs.StridedSlice(
                new int[] {0, region.rowBegin() - have.rowBegin(), region.colBegin() - have.colBegin(), 0},
                new int[] {1, 1, 1, 1}, new int[] {1, region.height(), region.width(), c});
        created.add(g.addNode(out.name(), OpKind.STRIDED_SLICE, a, List.of(p.value()), List.of(out)));
        return out;
    }

    /** The node's attributes with its padding replaced by the border-only padding of this patch. */
    private static Attrs withBorderPads(Node n, int[] pads) {
        Attrs a = n.attrs();
        if (pads == null) return a;
        if (a instanceof Attrs.Conv2D c) return new Attrs.Conv2D(pads, c.strides(), c.dilations(), c.activation());
        if (a instanceof Attrs.DepthwiseConv2D d) {
            return new Attrs.DepthwiseConv2D(pads, d.strides(), d.dilations(), d.depthMultiplier(), d.activation());
        }
        if (a instanceof Attrs.Pool2D p) return new Attrs.Pool2D(p.filter(), p.strides(), pads, p.activation());
        if (a instanceof Attrs.Pad p) {
            int[] q = p.pads().clone(); // {before, after} per NHWC dimension
            q[2] = pads[0];
            q[3] = pads[2];
            q[4] = pads[1];
            q[5] = pads[3];
            return new Attrs.Pad(q, p.value());
        }
        return a;
    }
}
