package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Lifetimes of activation memory over the execution order (step i = node i). Constants live in flash
 * and variables (persistent state) in their own static buffers: neither is counted. RESHAPE outputs alias their input (no copy), so they join its buffer and extend
 * its lifetime. With in-place execution on, the inputs of a CONCATENATION whose slices are contiguous
 * become slices of its output (the producers write there directly, the concatenation needs no code), and
 * nodes whose input dies at their step may write over it ({@link InPlaceRules}), with their scratch as a
 * one-step buffer; that input may be a folded concatenation's output (once its producers wrote every slice
 * it is one contiguous tensor), never a single slice of it.
 */
public final class LifetimeAnalysis {
    private LifetimeAnalysis() {}

    /** The layer-wise buffers (no in-place, I/O inside), as before in-place planning existed. */
    public static List<Buffer> analyze(Graph g) {
        return analyze(g, PlanOptions.LAYER_WISE).arenaBuffers();
    }

    public static MemoryProblem analyze(Graph g, PlanOptions options) {
        Map<Value, Value> rootOf = new IdentityHashMap<>();
        Map<Value, Long> offsetInRoot = new IdentityHashMap<>();
        Set<Node> noOps = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : g.nodes())
            if (isAlias(n)) {
                Value r = root(rootOf, n.input(0));
                rootOf.put(n.output(), r);
                offsetInRoot.put(n.output(), offsetInRoot.getOrDefault(n.input(0), 0L));
                noOps.add(n);
            }
        if (options.inPlace())
            for (Node n : g.nodes())
                if (foldableConcat(g, n, rootOf)) {
                    long off = 0;
                    for (Value in : n.inputs()) {
                        rootOf.put(in, n.output());
                        offsetInRoot.put(in, off);
                        off += in.type().byteSize();
                    }
                    noOps.add(n);
                }

        int steps = g.nodes().size();
        Map<Value, int[]> span = new LinkedHashMap<>(); // root -> {first, last}
        Map<Value, List<Value>> members = new IdentityHashMap<>();
        // Streamed values (an input read window by window through a callback) take no memory at all.
        for (Value in : g.inputs()) if (!in.isStreamed()) touch(span, members, in, root(rootOf, in), -1);
        for (int i = 0; i < steps; i++) {
            Node n = g.nodes().get(i);
            for (Value v : n.inputs())
                if (v != null && !v.isConstant() && !v.isVariable() && !v.isStreamed()) touch(span, members, v, root(rootOf, v), i);
            for (Value v : n.outputs()) if (!v.isStreamed()) touch(span, members, v, root(rootOf, v), i);
        }
        for (Value out : g.outputs())
            if (!out.isConstant()) touch(span, members, out, root(rootOf, out), steps);

        Map<Value, Buffer> bufferOf = new IdentityHashMap<>();
        List<Buffer> arena = new ArrayList<>(), io = new ArrayList<>();
        for (Map.Entry<Value, int[]> e : span.entrySet()) {
            Value root = e.getKey();
            Map<Value, Long> offs = new IdentityHashMap<>();
            for (Value m : members.get(root)) if (offsetInRoot.getOrDefault(m, 0L) != 0) offs.put(m, offsetInRoot.get(m));
            Buffer b = new Buffer(root.name(), Buffer.Kind.TENSOR, root, members.get(root), offs, root.type().byteSize(),
                    e.getValue()[0], e.getValue()[1]);
            for (Value m : members.get(root)) bufferOf.put(m, b);
            boolean isIo = members.get(root).stream().anyMatch(m -> g.inputs().contains(m) || g.outputs().contains(m));
            (isIo && !options.ioInArena() ? io : arena).add(b);
        }

        List<InPlace> pairs = new ArrayList<>();
        if (options.inPlace()) {
            Set<Buffer> paired = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < steps; i++) {
                Node n = g.nodes().get(i);
                if (noOps.contains(n) || n.outputs().size() != 1) continue;
                Buffer out = bufferOf.get(n.output());
                if (!ownOutput(n, i, out, io) || paired.contains(out)) continue;
                List<InPlaceRules.Candidate> candidates = new ArrayList<>();
                for (int k = 0; k < n.inputs().size(); k++) candidates.add(InPlaceRules.candidate(n, k));
                candidates.add(InPlaceRules.overlap(n, options)); // when no same-offset scheme applies
                for (InPlaceRules.Candidate c : candidates) {
                    if (c == null || InPlaceRules.saving(n, c) <= 0) continue;
                    InPlace p = pair(n, i, c, out, bufferOf, io, arena);
                    if (p == null) continue;
                    pairs.add(p);
                    paired.add(out);
                    break;
                }
            }
        }
        return new MemoryProblem(arena, io, pairs, noOps, steps);
    }

    /**
     * The pairing of node n (step i) with candidate c when its input buffer allows it: the input dies here,
     * the node reads the whole buffer (its own value, a view of it, or a folded concatenation's output, but
     * not a slice), it is not held outside the arena, and no other input reads it through another view.
     * Adds the scratch buffer, if any, to the arena.
     */
    private static InPlace pair(Node n, int i, InPlaceRules.Candidate c, Buffer out, Map<Value, Buffer> bufferOf, List<Buffer> io,
                                List<Buffer> arena) {
        int k = c.inputIndex();
        if (!inputMayBeOverwritten(n, i, k, out, bufferOf, io)) return null;
        Buffer in = bufferOf.get(n.input(k));
        Buffer scratch = null;
        if (c.scratchBytes() > 0) {
            scratch = Buffer.scratch("scratch:" + n.name(), c.scratchBytes(), i);
            arena.add(scratch);
        }
        return new InPlace(n, i, k, in, out, scratch, c.scheme(), c.shift());
    }

    /** Whether the node at step i may write over its output buffer: the node's own, born here, in the arena. */
    static boolean ownOutput(Node n, int i, Buffer out, List<Buffer> io) {
        return out != null && !io.contains(out) && out.root() == n.output() && out.memberOffsets().isEmpty() && out.firstStep() == i;
    }

    /** Whether input k's buffer may be overwritten by the node at step i (see {@link #pair}). */
    static boolean inputMayBeOverwritten(Node n, int i, int k, Buffer out, Map<Value, Buffer> bufferOf, List<Buffer> io) {
        Buffer in = bufferOf.get(n.input(k));
        if (in == null || io.contains(in) || in.lastStep() != i || !in.heldWhole(n.input(k)) || in == out) return false;
        return othersStayClear(n, k, bufferOf);
    }

    /** No other input of the node reads the paired input's buffer, except the very same value (x op x). */
    private static boolean othersStayClear(Node n, int k, Map<Value, Buffer> bufferOf) {
        Buffer in = bufferOf.get(n.input(k));
        for (int j = 0; j < n.inputs().size(); j++) {
            Value v = n.input(j);
            if (j == k || v == null || v.isConstant()) continue;
            if (bufferOf.get(v) == in && v != n.input(k)) return false;
        }
        return true;
    }

    /**
     * A CONCATENATION whose inputs are contiguous slices of its output (every dimension before the axis
     * is 1), with inputs that can be written in place: each produced by a node, used once here, not a model
     * output, not a view of something else and with no views of its own, and quantized like the output (so
     * the concatenation moves bytes only).
     */
    private static boolean foldableConcat(Graph g, Node n, Map<Value, Value> rootOf) {
        if (n.kind() != OpKind.CONCATENATION || !(n.attrs() instanceof Attrs.Concat c)) return false;
        if (c.activation() != dev.tinyforge.ir.Activation.NONE) return false;
        int[] out = n.output().type().shape();
        for (int d = 0; d < c.axis(); d++) if (out[d] != 1) return false;
        if (rootOf.containsKey(n.output())) return false;
        List<Value> seen = new ArrayList<>();
        for (Value in : n.inputs()) {
            if (in == null || in.isConstant() || in.producer() == null || g.inputs().contains(in) || g.outputs().contains(in))
                return false;
            if (seen.contains(in) || rootOf.containsKey(in) || rootOf.containsValue(in)) return false;
            if (in.producer().outputs().size() != 1 || isAlias(in.producer())) return false;
            if (!Objects.equals(in.type().quant(), n.output().type().quant())
                    || in.type().elementType() != n.output().type().elementType()) return false;
            for (Node u : in.users())
                if (u != n && u.kind() == OpKind.CONCATENATION) return false; // a value can be a slice of one concatenation only
            seen.add(in);
        }
        return true;
    }

    /** Nodes whose output is just another view of the input's bytes. */
    public static boolean isAlias(Node n) {
        return n.kind() == OpKind.RESHAPE && n.input(0) != null && !n.input(0).isConstant();
    }

    private static Value root(Map<Value, Value> rootOf, Value v) {
        Value r = rootOf.get(v);
        return r == null ? v : r;
    }

    private static void touch(Map<Value, int[]> span, Map<Value, List<Value>> members, Value v, Value root, int step) {
        int[] s = span.computeIfAbsent(root, k -> new int[] {step, step});
        s[0] = Math.min(s[0], step);
        s[1] = Math.max(s[1], step);
        List<Value> m = members.computeIfAbsent(root, k -> new ArrayList<>());
        if (!m.contains(v)) m.add(v);
    }
}
