package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Chooses the execution order with the smallest peak of live activation bytes, among all orders that
 * respect data dependencies (so outputs are unchanged: every node still reads the same values). A
 * shortest-path search over the sets of executed nodes where a path costs its highest step (live bytes
 * plus the outputs being written); a chain has one such set per length, so only real branches (residual
 * and squeeze-excitation blocks, parallel towers) make the search grow. Gives up and keeps the given
 * order when the number of sets exceeds the budget, or when it finds nothing strictly better. The budget
 * counts work, never time, so the order chosen does not depend on the machine's speed or load.
 */
public final class MemorySchedule {
    private MemorySchedule() {}

    /** The outcome: the order (null when the given one is kept) and the peaks before and after. */
    public record Result(List<Node> order, long originalPeak, long peak, boolean exhaustive) {}

    /**
     * Expanding a set looks at every node, so large graphs get fewer sets: at most WORK_BUDGET / nodes (about
     * half a second on a slow 2-core machine at any graph size).
     */
    static final long WORK_BUDGET = 4_000_000L;

    /** The best order within {@code maxStates} expanded sets (and {@link #WORK_BUDGET}). */
    public static Result optimize(Graph g, int maxStates) {
        List<Node> nodes = g.nodes();
        int n = nodes.size();
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) index.put(nodes.get(i), i);

        // Buffers: a value and its RESHAPE views share bytes; freed when every reader of any member ran.
        Map<Value, Value> rootOf = new IdentityHashMap<>();
        for (Node x : nodes) if (LifetimeAnalysis.isAlias(x)) rootOf.put(x.output(), rootOf.getOrDefault(x.input(0), x.input(0)));
        Map<Value, Integer> bufferId = new IdentityHashMap<>();
        List<Long> bytes = new ArrayList<>();
        List<BitSet> readers = new ArrayList<>();
        List<Boolean> pinned = new ArrayList<>();
        for (Value v : g.values()) {
            if (v.isConstant()) continue;
            Value r = rootOf.getOrDefault(v, v);
            Integer id = bufferId.get(r);
            if (id == null) {
                id = bytes.size();
                bufferId.put(r, id);
                bytes.add(r.type().byteSize());
                readers.add(new BitSet(n));
                pinned.add(false);
            }
            bufferId.put(v, id);
            for (Node u : v.users()) if (index.containsKey(u)) readers.get(id).set(index.get(u));
            if (g.outputs().contains(v)) pinned.set(id, true);
        }
        int[][] produces = new int[n][];
        int[][] reads = new int[n][];
        BitSet[] preds = new BitSet[n];
        for (int i = 0; i < n; i++) {
            Node x = nodes.get(i);
            List<Integer> p = new ArrayList<>();
            if (!LifetimeAnalysis.isAlias(x)) for (Value o : x.outputs()) if (bufferId.containsKey(o)) p.add(bufferId.get(o));
            produces[i] = p.stream().mapToInt(Integer::intValue).distinct().toArray();
            List<Integer> r = new ArrayList<>();
            preds[i] = new BitSet(n);
            for (Value v : x.inputs()) {
                if (v == null || v.isConstant()) continue;
                r.add(bufferId.get(v));
                if (v.producer() != null && index.containsKey(v.producer())) preds[i].set(index.get(v.producer()));
            }
            reads[i] = r.stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        long inputBytes = 0;
        for (Value v : g.inputs()) {
            Integer id = bufferId.get(v);
            if (id != null && (v.producer() == null)) inputBytes += bytes.get(id);
        }
        final long startLive = inputBytes;

        long originalPeak = peakOf(identity(n), produces, reads, readers, pinned, bytes, startLive);

        record State(BitSet done, long live, long peak, State parent, int last, int depth) {}
        PriorityQueue<State> queue = new PriorityQueue<>((a, b) -> a.peak != b.peak ? Long.compare(a.peak, b.peak)
                : a.depth != b.depth ? Integer.compare(b.depth, a.depth) : Long.compare(a.live, b.live));
        Map<BitSet, Long> best = new HashMap<>();
        queue.add(new State(new BitSet(n), startLive, startLive, null, -1, 0));
        long budget = Math.min(maxStates, WORK_BUDGET / Math.max(1, n));
        int expanded = 0;
        State goal = null;
        while (!queue.isEmpty()) {
            State s = queue.poll();
            if (s.depth == n) {
                goal = s;
                break;
            }
            Long known = best.get(s.done);
            if (known != null && known < s.peak) continue;
            if (++expanded > budget) break;
            for (int i = s.done.nextClearBit(0); i < n; i = s.done.nextClearBit(i + 1)) {
                BitSet need = (BitSet) preds[i].clone();
                need.andNot(s.done);
                if (!need.isEmpty()) continue;
                long add = 0;
                for (int b : produces[i]) add += bytes.get(b);
                long stepPeak = s.live + add;
                BitSet done = (BitSet) s.done.clone();
                done.set(i);
                long live = stepPeak;
                for (int b : reads[i]) if (!pinned.get(b) && covered(readers.get(b), done)) live -= bytes.get(b);
                for (int b : produces[i]) if (!pinned.get(b) && readers.get(b).isEmpty()) live -= bytes.get(b);
                long peak = Math.max(s.peak, stepPeak);
                Long prev = best.get(done);
                if (prev != null && prev <= peak) continue;
                best.put(done, peak);
                queue.add(new State(done, live, peak, s, i, s.depth + 1));
            }
        }
        if (goal == null || goal.peak >= originalPeak) return new Result(null, originalPeak, originalPeak, goal != null);
        int[] order = new int[n];
        for (State s = goal; s.parent != null; s = s.parent) order[s.depth - 1] = s.last;
        List<Node> r = new ArrayList<>();
        for (int i : order) r.add(nodes.get(i));
        return new Result(r, originalPeak, goal.peak, true);
    }

    private static boolean covered(BitSet readers, BitSet done) {
        BitSet rest = (BitSet) readers.clone();
        rest.andNot(done);
        return rest.isEmpty();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static long peakOf(int[] order, int[][] produces, int[][] reads, List<BitSet> readers, List<Boolean> pinned,
                               List<Long> bytes, long startLive) {
        BitSet done = new BitSet();
        long live = startLive, peak = startLive;
        for (int i : order) {
            for (int b : produces[i]) live += bytes.get(b);
            peak = Math.max(peak, live);
            done.set(i);
            for (int b : reads[i]) if (!pinned.get(b) && covered(readers.get(b), done)) live -= bytes.get(b);
            for (int b : produces[i]) if (!pinned.get(b) && readers.get(b).isEmpty()) live -= bytes.get(b);
        }
        return peak;
    }
}
