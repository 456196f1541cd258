package dev.tinyforge.plan;

import java.util.Arrays;
import java.util.List;

/**
 * Branch and bound over offset assignments. Any plan can be pushed down until every cluster sits at 0 or
 * on the aligned end of a conflicting buffer; listing such a plan's clusters by (offset, id) gives a
 * sequence in which each cluster's offset is a candidate of those before it. So the search places
 * clusters in non-decreasing offset order, each at a candidate offset, and is exact when it finishes. It
 * prunes with: for every step, the clusters still to place that are live then must all sit at or above
 * the current offset, disjoint. Stops after a budget of search nodes (counted, not timed, so the plan
 * does not depend on the machine's speed or load), keeping the best plan found (the heuristics' best to
 * start with). With overlapped pairs (members at different heights in a cluster) a cluster can rest on
 * one placed above its own base, so the search is then a bounded improvement, not a proof.
 */
final class ExactPlacement {
    private final List<Cluster> clusters;
    private final int steps0, steps1;
    private final long maxNodes;
    private long[] best;
    private long bestTop;
    private boolean timedOut;
    private long nodes;

    /** Search nodes per millisecond of budget: about what one core of a 2020s desktop visits. */
    static final long NODES_PER_MILLI = 1_000;

    private ExactPlacement(List<Cluster> clusters, long[] incumbent, long maxNodes) {
        this.clusters = clusters;
        this.best = incumbent.clone();
        this.bestTop = Placement.top(clusters, incumbent);
        this.maxNodes = maxNodes;
        int s0 = Integer.MAX_VALUE, s1 = Integer.MIN_VALUE;
        for (Cluster c : clusters) {
            s0 = Math.min(s0, c.first);
            s1 = Math.max(s1, c.last);
        }
        steps0 = s0;
        steps1 = s1;
    }

    /** The result: offsets by cluster id and whether the search proved them optimal. */
    record Result(long[] offsets, boolean optimal) {}

    /** {@code millis}: the budget, in units of {@link #NODES_PER_MILLI} search nodes. */
    static Result search(List<Cluster> clusters, long[] incumbent, long millis) {
        ExactPlacement s = new ExactPlacement(clusters, incumbent, millis * NODES_PER_MILLI);
        long[] off = new long[clusters.size()];
        Arrays.fill(off, -1);
        s.recurse(off, 0, 0, -1, 0);
        boolean flat = clusters.stream().allMatch(Cluster::isFlat);
        return new Result(s.best, !s.timedOut && flat);
    }

    private void recurse(long[] off, int placed, long lastOffset, int lastId, long top) {
        if (++nodes > maxNodes) timedOut = true;
        if (timedOut) return;
        if (placed == clusters.size()) {
            if (top < bestTop) {
                bestTop = top;
                best = off.clone();
            }
            return;
        }
        if (Math.max(top, bound(off, lastOffset)) >= bestTop) return;
        for (Cluster c : clusters) {
            if (off[c.id] >= 0) continue;
            for (long x : Placement.candidates(c, off)) {
                if (x < lastOffset || x == lastOffset && c.id < lastId) continue;
                if (x + c.maxBytes >= bestTop) break; // candidates ascend
                if (!Placement.fits(c, x, off)) continue;
                off[c.id] = x;
                recurse(off, placed + 1, x, c.id, Math.max(top, x + c.maxBytes));
                off[c.id] = -1;
                if (timedOut) return;
            }
        }
    }

    /** Every unplaced cluster live at a step sits at or above lastOffset, disjoint from the others. */
    private long bound(long[] off, long lastOffset) {
        long b = 0;
        for (int t = steps0; t <= steps1; t++) {
            long sum = 0;
            for (Cluster c : clusters) if (off[c.id] < 0 && c.first <= t && t <= c.last) sum += c.bytesAt(t);
            if (sum > 0) b = Math.max(b, lastOffset + sum);
        }
        return b;
    }
}
