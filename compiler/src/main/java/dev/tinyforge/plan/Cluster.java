package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers whose offsets are tied to each other because each writes over the previous one in place (a chain
 * input -> output -> output's in-place output ...), or a single buffer. Each member sits at a fixed
 * distance above the cluster's base ({@link #rel}): 0 for same-offset pairs; an overlapped pair
 * ({@link InPlaceScheme#PIXEL_ORDER_OVERLAP}) puts its output {@code shift} bytes from its input. Placed as
 * one unit; its members are checked against other clusters one by one, so a chain of shrinking tensors
 * wastes nothing.
 */
final class Cluster {
    final int id;
    final List<Buffer> members = new ArrayList<>();
    private final Map<Buffer, Long> rel = new IdentityHashMap<>();
    /** The cluster's height: the highest member end above the base. */
    long maxBytes;
    int first = Integer.MAX_VALUE, last = Integer.MIN_VALUE;
    /** Clusters with a member live at the same time as one of ours. */
    final List<Cluster> conflicts = new ArrayList<>();

    Cluster(int id) { this.id = id; }

    void add(Buffer b, long offset) {
        members.add(b);
        rel.put(b, offset);
        first = Math.min(first, b.firstStep());
        last = Math.max(last, b.lastStep());
    }

    /** Where a member starts above the cluster's base (a multiple of the alignment). */
    long rel(Buffer b) { return rel.get(b); }

    /** True when every member starts at the base (no overlapped pair inside). */
    boolean isFlat() {
        for (long r : rel.values()) if (r != 0) return false;
        return true;
    }

    /** Moves the base to the lowest member and computes the height. */
    private void normalize() {
        long min = Long.MAX_VALUE;
        for (long r : rel.values()) min = Math.min(min, r);
        maxBytes = 0;
        for (Buffer b : members) {
            rel.put(b, rel.get(b) - min);
            maxBytes = Math.max(maxBytes, rel.get(b) + b.bytes());
        }
    }

    boolean conflictsWith(Cluster o) {
        if (first > o.last || o.first > last) return false;
        for (Buffer a : members)
            for (Buffer b : o.members)
                if (a.overlapsInTime(b) && a.bytes() > 0 && b.bytes() > 0) return true;
        return false;
    }

    /**
     * Bytes the cluster occupies at a step: the union of its live members' ranges (same-offset members
     * overlap where one writes over the other; an overlapped pair shares only part of its range).
     */
    long bytesAt(int step) {
        if (step < first || step > last) return 0;
        if (bytesByStep == null) {
            bytesByStep = new long[last - first + 1];
            for (int t = first; t <= last; t++) bytesByStep[t - first] = unionAt(t);
        }
        return bytesByStep[step - first];
    }

    private long[] bytesByStep;

    private long unionAt(int step) {
        List<long[]> live = new ArrayList<>();
        for (Buffer b : members) if (b.liveAt(step) && b.bytes() > 0) live.add(new long[] {rel(b), rel(b) + b.bytes()});
        if (live.isEmpty()) return 0;
        if (live.size() == 1) return live.get(0)[1] - live.get(0)[0];
        live.sort((x, y) -> Long.compare(x[0], y[0]));
        long total = 0, end = Long.MIN_VALUE;
        for (long[] r : live) {
            if (r[1] <= end) continue;
            total += r[1] - Math.max(r[0], end);
            end = r[1];
        }
        return total;
    }

    /** Sum over steps of the bytes held: the area of the cluster in the time x address picture. */
    long area() {
        long a = 0;
        for (Buffer b : members) a += b.bytes() * (long) (b.lastStep() - b.firstStep() + 1);
        return a;
    }

    long conflictBytes() {
        long s = 0;
        for (Cluster c : conflicts) s += c.maxBytes;
        return s;
    }

    /** Groups buffers into clusters along in-place pairs and computes their conflicts. */
    static List<Cluster> build(List<Buffer> buffers, List<InPlace> pairs) {
        Map<Buffer, Cluster> of = new IdentityHashMap<>();
        List<Cluster> clusters = new ArrayList<>();
        Map<Buffer, InPlace> next = new IdentityHashMap<>();
        Map<Buffer, Buffer> prev = new IdentityHashMap<>();
        for (InPlace p : pairs) {
            next.put(p.input(), p);
            prev.put(p.output(), p.input());
        }
        for (Buffer b : buffers) {
            if (of.containsKey(b) || prev.containsKey(b)) continue;
            Cluster c = new Cluster(clusters.size());
            long offset = 0;
            for (Buffer x = b; x != null; ) {
                c.add(x, offset);
                of.put(x, c);
                InPlace p = next.get(x);
                if (p == null) break;
                offset += p.shift();
                x = p.output();
            }
            c.normalize();
            clusters.add(c);
        }
        for (Buffer b : buffers)
            if (!of.containsKey(b)) throw new IllegalStateException("in-place pairs form a cycle at " + b);
        for (int i = 0; i < clusters.size(); i++)
            for (int j = i + 1; j < clusters.size(); j++)
                if (clusters.get(i).conflictsWith(clusters.get(j))) {
                    clusters.get(i).conflicts.add(clusters.get(j));
                    clusters.get(j).conflicts.add(clusters.get(i));
                }
        return clusters;
    }
}
