package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;

/**
 * Assigns arena offsets to buffers: greedy by size (largest first), each placed at the lowest aligned
 * offset where it overlaps no already-placed buffer that is live at the same time. Simple and usually
 * close to the lower bound; better planners come later and plug in here.
 */
public final class ArenaPlanner {
    /** Every buffer starts at a multiple of this (int32 and float kernels need 4; Helium likes 16). */
    public static final int ALIGNMENT = 16;

    private ArenaPlanner() {}

    public static MemoryPlan plan(Graph g) {
        return plan(LifetimeAnalysis.analyze(g));
    }

    public static MemoryPlan plan(List<Buffer> buffers) {
        List<Buffer> order = new ArrayList<>(buffers);
        order.sort(Comparator.comparingLong(Buffer::bytes).reversed().thenComparingInt(Buffer::firstStep));
        Map<Buffer, Long> offsets = new IdentityHashMap<>();
        List<Buffer> placed = new ArrayList<>();
        for (Buffer b : order) {
            List<long[]> busy = new ArrayList<>();
            for (Buffer p : placed)
                if (p.overlapsInTime(b)) busy.add(new long[] {offsets.get(p), offsets.get(p) + p.bytes()});
            busy.sort(Comparator.comparingLong(r -> r[0]));
            long candidate = 0;
            for (long[] r : busy) {
                if (candidate + b.bytes() <= r[0]) break;
                candidate = Math.max(candidate, align(r[1]));
            }
            offsets.put(b, candidate);
            placed.add(b);
        }
        return new MemoryPlan(buffers, offsets, "greedy-by-size");
    }

    static long align(long x) { return (x + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT; }
}
