package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Lifetimes of activation buffers over the execution order (step i = node i). Constants live in flash
 * and variables (persistent state) in their own static buffers: neither is counted. RESHAPE outputs alias their input (no copy), so they join its buffer and extend
 * its lifetime.
 */
public final class LifetimeAnalysis {
    private LifetimeAnalysis() {}

    public static List<Buffer> analyze(Graph g) {
        Map<Value, Value> rootOf = new IdentityHashMap<>();
        for (Node n : g.nodes())
            if (isAlias(n)) rootOf.put(n.output(), root(rootOf, n.input(0)));

        int steps = g.nodes().size();
        Map<Value, int[]> span = new LinkedHashMap<>(); // root -> {first, last}
        Map<Value, List<Value>> members = new IdentityHashMap<>();
        for (Value in : g.inputs()) touch(span, members, in, root(rootOf, in), -1);
        for (int i = 0; i < steps; i++) {
            Node n = g.nodes().get(i);
            for (Value v : n.inputs())
                if (v != null && !v.isConstant() && !v.isVariable()) touch(span, members, v, root(rootOf, v), i);
            for (Value v : n.outputs()) touch(span, members, v, root(rootOf, v), i);
        }
        for (Value out : g.outputs())
            if (!out.isConstant()) touch(span, members, out, root(rootOf, out), steps);

        List<Buffer> buffers = new ArrayList<>();
        for (Map.Entry<Value, int[]> e : span.entrySet()) {
            Value root = e.getKey();
            buffers.add(new Buffer(root, List.copyOf(members.get(root)), root.type().byteSize(), e.getValue()[0], e.getValue()[1]));
        }
        return buffers;
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
