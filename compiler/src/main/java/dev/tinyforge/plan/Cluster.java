package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Buffers that must start at the same offset because each writes over the previous one in place (a chain
 * input -> output -> output's in-place output ...), or a single buffer. Placed as one unit; its members
 * are checked against other clusters one by one, so a chain of shrinking tensors wastes nothing.
 */
final class Cluster {
    final int id;
    final List<Buffer> members = new ArrayList<>();
    long maxBytes;
    int first = Integer.MAX_VALUE, last = Integer.MIN_VALUE;
    /** Clusters with a member live at the same time as one of ours. */
    final List<Cluster> conflicts = new ArrayList<>();

    Cluster(int id) { this.id = id; }

    void add(Buffer b) {
        members.add(b);
        maxBytes = Math.max(maxBytes, b.bytes());
        first = Math.min(first, b.firstStep());
        last = Math.max(last, b.lastStep());
    }

    boolean conflictsWith(Cluster o) {
        if (first > o.last || o.first > last) return false;
        for (Buffer a : members)
            for (Buffer b : o.members)
                if (a.overlapsInTime(b) && a.bytes() > 0 && b.bytes() > 0) return true;
        return false;
    }

    /** Largest member live at a step (members of a chain overlap only where one writes over the other). */
    long bytesAt(int step) {
        long m = 0;
        for (Buffer b : members) if (b.liveAt(step)) m = Math.max(m, b.bytes());
        return m;
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
        java.util.Map<Buffer, Cluster> of = new java.util.IdentityHashMap<>();
        List<Cluster> clusters = new ArrayList<>();
        java.util.Map<Buffer, Buffer> next = new java.util.IdentityHashMap<>(), prev = new java.util.IdentityHashMap<>();
        for (InPlace p : pairs) {
            next.put(p.input(), p.output());
            prev.put(p.output(), p.input());
        }
        for (Buffer b : buffers) {
            if (of.containsKey(b) || prev.containsKey(b)) continue;
            Cluster c = new Cluster(clusters.size());
            for (Buffer x = b; x != null; x = next.get(x)) {
                c.add(x);
                of.put(x, c);
            }
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
