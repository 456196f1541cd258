package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places clusters one after another, each at an offset where none of its members overlaps a member of an
 * already-placed conflicting cluster. The only offsets worth trying are 0 and the aligned ends of placed
 * conflicting buffers (the lowest free offset is always one of them).
 */
final class Placement {
    private Placement() {}

    enum Fit {
        /** The lowest free offset. */
        FIRST,
        /** The free offset whose gap above is tightest (least room left over), lowest on ties. */
        BEST
    }

    /** Offsets indexed by cluster id; unplaced clusters are -1. */
    static long[] place(List<Cluster> order, int clusterCount, Fit fit) {
        long[] off = new long[clusterCount];
        Arrays.fill(off, -1);
        for (Cluster c : order) off[c.id] = choose(c, off, fit);
        return off;
    }

    static long choose(Cluster c, long[] off, Fit fit) {
        List<Long> cands = candidates(c, off);
        long best = -1, bestGap = Long.MAX_VALUE;
        for (long x : cands) {
            if (!fits(c, x, off)) continue;
            if (fit == Fit.FIRST) return x;
            long gap = gapAbove(c, x, off);
            if (best < 0 || gap < bestGap) {
                best = x;
                bestGap = gap;
            }
        }
        return best;
    }

    static List<Long> candidates(Cluster c, long[] off) {
        List<Long> r = new ArrayList<>();
        r.add(0L);
        for (Cluster p : c.conflicts) {
            if (off[p.id] < 0) continue;
            for (Buffer b : p.members) r.add(ArenaPlanner.align(off[p.id] + b.bytes()));
        }
        r.sort(null);
        return r;
    }

    static boolean fits(Cluster c, long x, long[] off) {
        for (Cluster p : c.conflicts) {
            long po = off[p.id];
            if (po < 0) continue;
            for (Buffer m : c.members)
                for (Buffer b : p.members)
                    if (m.overlapsInTime(b) && x < po + b.bytes() && po < x + m.bytes() && m.bytes() > 0 && b.bytes() > 0)
                        return false;
        }
        return true;
    }

    /** Room between the top of the cluster at x and the nearest conflicting buffer above it (MAX when none). */
    private static long gapAbove(Cluster c, long x, long[] off) {
        long gap = Long.MAX_VALUE;
        for (Cluster p : c.conflicts) {
            long po = off[p.id];
            if (po < 0) continue;
            for (Buffer m : c.members)
                for (Buffer b : p.members)
                    if (m.overlapsInTime(b) && po >= x + m.bytes()) gap = Math.min(gap, po - (x + m.bytes()));
        }
        return gap;
    }

    static long top(List<Cluster> clusters, long[] off) {
        long t = 0;
        for (Cluster c : clusters) if (off[c.id] >= 0) t = Math.max(t, off[c.id] + c.maxBytes);
        return t;
    }
}
