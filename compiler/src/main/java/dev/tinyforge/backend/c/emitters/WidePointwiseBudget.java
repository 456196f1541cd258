package dev.tinyforge.backend.c.emitters;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Which 1x1 CONV_2D layers of a model keep their filter as int16 words (conv_s8_1x1_dsp_body.h's wide layers: no
 * SXTB16 in the inner loop, the filter's int8 bytes once more in flash). The extra flash is capped per model at
 * {@link #SHARE} of its int8 constant bytes (at least {@link #MIN_BUDGET}); the layers with the most output pixels per
 * filter byte (the most instructions saved per flash byte) come first. The graph is reached from the node itself
 * (producers and users), so the choice is the same for every layer of one model.
 */
final class WidePointwiseBudget {
    /** Largest int8 filter kept wide. */
    static final int MAX_FILTER_BYTES = 4096;
    /** Fewest output pixels for a wide filter. */
    static final int MIN_PIXELS = 8;
    /** The extra flash of a model's wide filters, as a share of its int8 constant bytes... */
    static final double SHARE = 0.03;
    /** ...or at least this many bytes. */
    static final long MIN_BUDGET = 4096;

    private WidePointwiseBudget() {}

    /** Whether the 1x1 convolution n (int8, constant filter) gets a wide filter. */
    static boolean isWide(Node n) {
        if (!eligible(n)) return false;
        Set<Node> nodes = reachable(n);
        long constantBytes = 0;
        Set<Value> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> candidates = new ArrayList<>();
        for (Node m : nodes) {
            for (Value v : m.inputs()) {
                if (v != null && v.isConstant() && v.type().elementType() == ElementType.INT8 && seen.add(v)) {
                    constantBytes += v.type().byteSize();
                }
            }
            if (eligible(m)) candidates.add(m);
        }
        candidates.sort(Comparator.comparingLong(WidePointwiseBudget::pixels).reversed()
                .thenComparingLong(WidePointwiseBudget::filterBytes).thenComparing(Node::name));
        long budget = Math.max(MIN_BUDGET, (long) (SHARE * constantBytes)), used = 0;
        Map<Value, Boolean> chosen = new IdentityHashMap<>();
        for (Node m : candidates) {
            Value w = m.input(1);
            if (chosen.containsKey(w)) continue; // one wide copy serves every layer of the filter (patches)
            boolean fits = used + filterBytes(m) <= budget;
            if (fits) used += filterBytes(m);
            chosen.put(w, fits);
        }
        return chosen.getOrDefault(n.input(1), false);
    }

    private static boolean eligible(Node n) {
        if (n.kind() != OpKind.CONV_2D || n.inputs().size() < 2) return false;
        Value w = n.input(1);
        if (w == null || !w.isConstant() || w.type().elementType() != ElementType.INT8) return false;
        int[] f = w.type().shape();
        return f.length == 4 && f[1] == 1 && f[2] == 1 && f[3] <= DspPointwiseKernels.MAX_IN_C
                && filterBytes(n) <= MAX_FILTER_BYTES && pixels(n) >= MIN_PIXELS;
    }

    private static long filterBytes(Node n) { return n.input(1).type().byteSize(); }

    private static long pixels(Node n) {
        int[] y = n.output().type().shape();
        long p = 1;
        for (int i = 0; i < y.length - 1; i++) p *= y[i];
        return p;
    }

    /** Every node connected to n through values (the model's graph). */
    private static Set<Node> reachable(Node n) {
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>(List.of(n));
        while (!todo.isEmpty()) {
            Node m = todo.pop();
            if (!seen.add(m)) continue;
            List<Value> values = new ArrayList<>(m.inputs());
            values.addAll(m.outputs());
            for (Value v : values) {
                if (v == null) continue;
                if (v.producer() != null) todo.push(v.producer());
                todo.addAll(v.users());
            }
        }
        return seen;
    }
}
