package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;

/**
 * Assigns arena offsets. Runs several heuristics (clusters ordered by size, by conflicts, by area, by
 * lifetime, chronologically; each placed first-fit and best-fit), keeps the smallest, then (for problems
 * small enough) an exact branch and bound under a time limit, started from that best. With in-place
 * execution it also plans without it, and with overlaps it also plans without them, and keeps whichever
 * arena is smaller (ties: the fewer pairings, whose kernels are the fastest).
 */
public final class ArenaPlanner {
    /** Every buffer starts at a multiple of this (int32 and float kernels need 4; Helium likes 16). */
    public static final int ALIGNMENT = 16;

    /** Above this many clusters the exact search is not tried (it would not finish in its budget). */
    static final int EXACT_MAX_CLUSTERS = 64;

    private ArenaPlanner() {}

    /** The layer-wise plan (no in-place), I/O in the arena. */
    public static MemoryPlan plan(Graph g) {
        return plan(g, PlanOptions.LAYER_WISE);
    }

    public static MemoryPlan plan(Graph g, PlanOptions options) {
        long t0 = System.nanoTime();
        MemoryProblem layerWise = LifetimeAnalysis.analyze(g, new PlanOptions(false, options.ioInArena(), options.exactMillis()));
        long layerWiseBound = LowerBounds.layerWise(layerWise);
        Solved best = solve(layerWise, options.exactMillis());
        if (options.inPlace()) {
            // Same-offset schemes only first; overlaps are kept only where they make the arena smaller (an
            // overlap ties the input's whole chain to the output's, which can also lift the peak): tried as
            // switches on the refined same-offset pairing, and as a fresh pairing with every overlap.
            PlanOptions sameOffset = new PlanOptions(true, options.ioInArena(), options.exactMillis(), false);
            MemoryProblem same = refinePairs(LifetimeAnalysis.analyze(g, sameOffset), sameOffset);
            List<MemoryProblem> variants = new ArrayList<>(List.of(same));
            if (options.overlap()) {
                variants.add(refinePairs(same, options));
                variants.add(refinePairs(LifetimeAnalysis.analyze(g, options), options));
            }
            Solved pick = null;
            for (MemoryProblem v : variants) {
                Solved s = solve(v, 0);
                if (pick == null || s.top < pick.top) pick = s;
            }
            Solved s = solve(pick.problem, options.exactMillis());
            if (s.top <= best.top) best = s;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        return new MemoryPlan(g, best.problem, best.offsets, best.strategy, best.optimal, best.tried, layerWiseBound, millis);
    }

    private record Solved(MemoryProblem problem, Map<Buffer, Long> offsets, long top, String strategy, boolean optimal,
                          Map<String, Long> tried) {}

    /**
     * In-place pairs chain buffers to one offset; a long chain can be lifted by whatever conflicts with
     * its first member and so raise the peak later on. Tries dropping, one at a time, the pairs of the
     * chains that reach the arena top, and (with overlap on) switching such a pair from its same-offset
     * scheme to an overlap ({@link InPlaceScheme#PIXEL_ORDER_OVERLAP}, which can need less than a scratch
     * plane; used only where it lowers the arena, and as the options allow); keeps a
     * change whenever the heuristics then find a smaller arena, and repeats while that helps (bounded by a
     * work budget: {@link #REFINE_WORK} buffers placed, counted over every trial plan, so the result does not
     * depend on the machine's speed or load).
     */
    private static MemoryProblem refinePairs(MemoryProblem p, PlanOptions options) {
        Solved best = solve(p, 0);
        long work = p.arenaBuffers().size();
        for (int round = 0; round < 8 && work < REFINE_WORK; round++) {
            List<InPlace> suspects = pairsReachingTop(best);
            Solved improved = null;
            for (InPlace pair : suspects) {
                if (work >= REFINE_WORK) break;
                List<MemoryProblem> changes = new ArrayList<>();
                changes.add(without(best.problem, pair));
                MemoryProblem switched = switchedToOverlap(best.problem, pair, options);
                if (switched != null) changes.add(switched);
                for (MemoryProblem changed : changes) {
                    Solved s = solve(changed, 0);
                    work += changed.arenaBuffers().size();
                    if (s.top < (improved == null ? best.top : improved.top)) improved = s;
                }
            }
            if (improved == null) break;
            best = improved;
        }
        return best.problem;
    }

    /**
     * Buffers placed per refinement (up to three run: same-offset, switched to overlaps, fresh overlaps): about
     * 100 trial plans of a 120-buffer patched graph, a third of a second on a slow 2-core machine.
     */
    static final long REFINE_WORK = 12_000;

    private static List<InPlace> pairsReachingTop(Solved s) {
        List<Cluster> clusters = Cluster.build(s.problem.arenaBuffers(), s.problem.inPlace());
        List<InPlace> r = new ArrayList<>();
        for (Cluster c : clusters) {
            long off = s.offsets.get(c.members.get(0));
            if (off + c.maxBytes < s.top) continue;
            // a chain at the top, or the scratch of a pair at the top
            for (InPlace p : s.problem.inPlace())
                if (c.members.size() >= 2 && c.members.contains(p.output()) || p.scratch() != null && c.members.contains(p.scratch()))
                    r.add(p);
        }
        return r;
    }

    /** The problem with a same-offset pair replaced by the node's overlap, or null when it has none. */
    private static MemoryProblem switchedToOverlap(MemoryProblem p, InPlace pair, PlanOptions options) {
        if (pair.isOverlap() || pair.inputIndex() != 0) return null;
        InPlaceRules.Candidate c = InPlaceRules.overlap(pair.node(), options);
        if (c == null) return null;
        MemoryProblem dropped = without(p, pair);
        List<InPlace> pairs = new ArrayList<>(dropped.inPlace());
        pairs.add(new InPlace(pair.node(), pair.step(), 0, pair.input(), pair.output(), null, c.scheme(), c.shift()));
        return new MemoryProblem(dropped.arenaBuffers(), dropped.ioBuffers(), pairs, dropped.noOps(), dropped.steps());
    }

    private static MemoryProblem without(MemoryProblem p, InPlace drop) {
        List<InPlace> pairs = new ArrayList<>(p.inPlace());
        pairs.remove(drop);
        List<Buffer> buffers = new ArrayList<>(p.arenaBuffers());
        if (drop.scratch() != null) buffers.remove(drop.scratch());
        return new MemoryProblem(buffers, p.ioBuffers(), pairs, p.noOps(), p.steps());
    }

    private static Solved solve(MemoryProblem p, long exactMillis) {
        List<Cluster> clusters = Cluster.build(p.arenaBuffers(), p.inPlace());
        Map<String, Long> tried = new LinkedHashMap<>();
        long[] best = null;
        long bestTop = Long.MAX_VALUE;
        String bestName = null;
        for (Map.Entry<String, Comparator<Cluster>> o : orders().entrySet()) {
            List<Cluster> order = new ArrayList<>(clusters);
            order.sort(o.getValue().thenComparingInt(c -> c.id));
            for (Placement.Fit fit : Placement.Fit.values()) {
                long[] off = Placement.place(order, clusters.size(), fit);
                long top = Placement.top(clusters, off);
                String name = o.getKey() + "/" + fit.name().toLowerCase(java.util.Locale.ROOT) + "-fit";
                tried.put(name, top);
                if (top < bestTop) {
                    best = off;
                    bestTop = top;
                    bestName = name;
                }
            }
        }
        long bound = LowerBounds.ofClusters(clusters);
        boolean optimal = bestTop <= bound;
        if (!optimal && exactMillis > 0 && clusters.size() <= EXACT_MAX_CLUSTERS) {
            ExactPlacement.Result r = ExactPlacement.search(clusters, best, exactMillis);
            long top = Placement.top(clusters, r.offsets());
            tried.put("branch-and-bound", top);
            if (top < bestTop) {
                best = r.offsets();
                bestTop = top;
                bestName = "branch-and-bound";
            }
            optimal = r.optimal();
        }
        Map<Buffer, Long> offsets = new IdentityHashMap<>();
        for (Cluster c : clusters) for (Buffer b : c.members) offsets.put(b, best[c.id] + c.rel(b));
        return new Solved(p, offsets, bestTop, bestName, optimal, tried);
    }

    private static Map<String, Comparator<Cluster>> orders() {
        Map<String, Comparator<Cluster>> m = new LinkedHashMap<>();
        m.put("by-size", Comparator.comparingLong((Cluster c) -> -c.maxBytes).thenComparingInt(c -> c.first));
        m.put("by-conflicts", Comparator.comparingLong((Cluster c) -> -c.conflictBytes()).thenComparingLong(c -> -c.maxBytes));
        m.put("by-area", Comparator.comparingLong((Cluster c) -> -c.area()));
        m.put("by-lifetime", Comparator.comparingInt((Cluster c) -> -(c.last - c.first)).thenComparingLong(c -> -c.maxBytes));
        m.put("chronological", Comparator.comparingInt((Cluster c) -> c.first).thenComparingLong(c -> -c.maxBytes));
        return m;
    }

    static long align(long x) { return (x + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT; }
}
