package dev.tinyforge.plan;

import java.util.List;

/** Bounds no offset assignment can beat: the most bytes live at any one step. */
public final class LowerBounds {
    private LowerBounds() {}

    /** Layer-wise: every live buffer counted in full (what any plan without in-place needs). */
    public static long layerWise(MemoryProblem p) {
        long[] live = liveBytes(p.arenaBuffers(), p.steps());
        long m = 0;
        for (long x : live) m = Math.max(m, x);
        return m;
    }

    /** Live bytes per step, index 0 is step -1 (before the first layer) and the last is step {@code steps}. */
    public static long[] liveBytes(List<Buffer> buffers, int steps) {
        long[] live = new long[steps + 2];
        for (Buffer b : buffers)
            for (int s = Math.max(-1, b.firstStep()); s <= Math.min(steps, b.lastStep()); s++) live[s + 1] += b.bytes();
        return live;
    }

    /** With in-place pairs: a chain holds at a step only its largest member live then. */
    static long ofClusters(List<Cluster> clusters) {
        int s0 = Integer.MAX_VALUE, s1 = Integer.MIN_VALUE;
        for (Cluster c : clusters) {
            s0 = Math.min(s0, c.first);
            s1 = Math.max(s1, c.last);
        }
        long m = 0;
        for (int t = s0; t <= s1; t++) {
            long sum = 0;
            for (Cluster c : clusters) if (c.first <= t && t <= c.last) sum += c.bytesAt(t);
            m = Math.max(m, sum);
        }
        return m;
    }
}
