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

    /** Bases that put some member of c at 0 or right on the aligned end of a placed conflicting buffer, ascending. */
    static List<Long> candidates(Cluster c, long[] off) {
        java.util.TreeSet<Long> r = new java.util.TreeSet<>();
        r.add(0L);
        for (Cluster p : c.conflicts) {
            if (off[p.id] < 0) continue;
            for (Buffer b : p.members) {
                long end = ArenaPlanner.align(off[p.id] + p.rel(b) + b.bytes());
                for (Buffer m : c.members) if (end >= c.rel(m)) r.add(end - c.rel(m));
            }
        }
        return new ArrayList<>(r);
    }

    static boolean fits(Cluster c, long x, long[] off) {
        for (Cluster p : c.conflicts) {
            long po = off[p.id];
            if (po < 0) continue;
            for (Buffer m : c.members) {
                long m0 = x + c.rel(m);
                for (Buffer b : p.members) {
                    long b0 = po + p.rel(b);
                    if (m.overlapsInTime(b) && m0 < b0 + b.bytes() && b0 < m0 + m.bytes() && m.bytes() > 0 && b.bytes() > 0)
                        return false;
                }
            }
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
                for (Buffer b : p.members) {
                    long mEnd = x + c.rel(m) + m.bytes(), b0 = po + p.rel(b);
                    if (m.overlapsInTime(b) && b0 >= mEnd) gap = Math.min(gap, b0 - mEnd);
                }
        }
        return gap;
    }

    static long top(List<Cluster> clusters, long[] off) {
        long t = 0;
        for (Cluster c : clusters) if (off[c.id] >= 0) t = Math.max(t, off[c.id] + c.maxBytes);
        return t;
    }
}
