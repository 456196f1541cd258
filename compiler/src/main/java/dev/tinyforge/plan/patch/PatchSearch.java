package dev.tinyforge.plan.patch;

import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.ArenaPlanner;
import dev.tinyforge.plan.MemoryPlan;
import dev.tinyforge.plan.PairingBounds;
import dev.tinyforge.plan.PlanOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --patch auto}: finds the split layer and grid (up to {@value #MAX_GRID} x {@value #MAX_GRID}) with
 * the least peak SRAM whose extra MACs stay within the bound. Every candidate is first costed from
 * receptive fields alone (exact MACs, and a lower bound on its peak: what the layers after the split hold, or
 * the split map, the input and the largest patch tensor during the patch stage); candidates within the MAC
 * bound are then planned with the real planner in order of that bound, stopping once no remaining bound
 * can beat the best plan found. The bound holds whichever in-place pairs the planner keeps or drops
 * ({@link PairingBounds}), so the search finds the best plan unless it stops at {@value #MAX_PLANNED} plans
 * first (the choice then says how many it planned). Nothing here is timed, so the choice does not depend on
 * the machine's speed or load.
 */
public final class PatchSearch {

    public static final int MAX_GRID = 8;

    /** Real plans the search may make; each costs tens to hundreds of milliseconds on large graphs. */
    static final int MAX_PLANNED = 12;

    private PatchSearch() {}

    record Candidate(int split, int rows, int cols, PatchCost cost, long bound) {
        PatchSpec spec() { return new PatchSpec(rows, cols, split); }
    }

    /**
     * Rewrites {@code g} (after the pass pipeline) as the request says and returns what was chosen;
     * {@code plan} are the planner options the compilation will use.
     */
    public static PatchChoice apply(Graph g, PatchRequest request, PlanOptions plan) {
        long t0 = System.nanoTime();
        long macs = Macs.of(g);
        if (request.mode() == PatchRequest.Mode.OFF) {
            InputStreaming.prepare(g, request.input());
            return new PatchChoice(null, PatchRequest.Mode.OFF, macs, macs, -1, -1, 0, 0, 0, null);
        }
        // Candidates are planned without the exact search (heuristics only); the compilation plans the winner fully.
        PlanOptions quick = new PlanOptions(plan.inPlace(), plan.ioInArena(), 0, plan.overlap(), plan.planeDepthwise());
        Graph layerWise = GraphCopy.of(g);
        InputStreaming.prepare(layerWise, request.input());
        MemoryPlan base = ArenaPlanner.plan(layerWise, quick);
        if (request.mode() == PatchRequest.Mode.FIXED) {
            PatchSpec s = request.fixed();
            Value map = PatchSchedule.apply(g, s.splitLayer(), s.rows(), s.cols());
            InputStreaming.prepare(g, request.input());
            long peak = ArenaPlanner.plan(GraphCopy.of(g), quick).peakSramBytes();
            return new PatchChoice(s, PatchRequest.Mode.FIXED, macs, Macs.of(g), base.peakSramBytes(), peak, 1, 1, millis(t0), map);
        }
        List<Candidate> candidates = candidates(g, request, layerWise, base, quick);
        candidates.sort(Comparator.comparingLong(Candidate::bound).thenComparingLong(c -> c.cost().extraMacs()));
        Candidate best = null;
        long basePeak = base.peakSramBytes(), bestPeak = basePeak;
        int planned = 0;
        for (Candidate c : candidates) {
            // Candidates come by bound, then by extra MACs: one whose bound exceeds the best peak cannot win, and
            // one whose bound equals it can only tie, which counts when it costs fewer MACs.
            if (c.bound() > bestPeak || (best == null && c.bound() == bestPeak)) break;
            if (planned >= MAX_PLANNED) break;
            if (c.bound() == bestPeak && c.cost().extraMacs() >= best.cost().extraMacs()) continue;
            long peak = plannedPeak(g, c, request.input(), quick);
            planned++;
            if (peak < bestPeak || (best != null && peak == bestPeak && c.cost().extraMacs() < best.cost().extraMacs())) {
                best = c;
                bestPeak = peak;
            }
        }
        Value map = null;
        if (best != null && worthPatching(basePeak, bestPeak, request.sramLimitBytes())) {
            map = PatchSchedule.apply(g, best.split(), best.rows(), best.cols());
        } else {
            best = null;
        }
        InputStreaming.prepare(g, request.input());
        return new PatchChoice(best == null ? null : best.spec(), PatchRequest.Mode.AUTO, macs,
                macs + (best == null ? 0 : best.cost().extraMacs()), basePeak, best == null ? basePeak : bestPeak,
                candidates.size(), planned, millis(t0), map);
    }

    /** Every candidate {@code apply} would cost for {@code g} (not rewritten), with its bound; for tests of the bound. */
    static List<Candidate> candidates(Graph g, PatchRequest request, PlanOptions quick) {
        Graph layerWise = GraphCopy.of(g);
        InputStreaming.prepare(layerWise, request.input());
        return candidates(g, request, layerWise, ArenaPlanner.plan(layerWise, quick), quick);
    }

    /** The peak SRAM of a candidate, planned on a copy of the graph. */
    static long plannedPeak(Graph g, Candidate c, InputSource input, PlanOptions options) {
        Graph copy = GraphCopy.of(g);
        PatchSchedule.apply(copy, c.split(), c.rows(), c.cols());
        InputStreaming.prepare(copy, input);
        return ArenaPlanner.plan(copy, options).peakSramBytes();
    }

    /**
     * Whether a patched peak is worth its extra MACs: always when the layer-wise plan does not fit the board's
     * SRAM (0: no board), otherwise when it saves at least {@link PatchRequest#MIN_SAVING_PERCENT} of the peak.
     */
    static boolean worthPatching(long layerWisePeak, long patchedPeak, long sramLimit) {
        if (patchedPeak >= layerWisePeak) return false;
        if (sramLimit > 0 && layerWisePeak > sramLimit) return true;
        return (layerWisePeak - patchedPeak) * 100.0 >= PatchRequest.MIN_SAVING_PERCENT * layerWisePeak;
    }

    /**
     * Every splittable layer and grid within the MAC bound, with a lower bound on its peak SRAM: no plan of the
     * patched graph can need less, whichever in-place pairs the planner keeps. After the split the patched
     * graph has the layer-wise graph's buffers ({@code live}: per step, what no pairing goes below). During
     * the patch stage it holds the input (unless streamed) and, in grid row r, the largest patch tensor of the
     * row beside rows 0..r-1 of the split map (the whole map once the planner folds the join into it).
     */
    private static List<Candidate> candidates(Graph g, PatchRequest request, Graph layerWise, MemoryPlan base, PlanOptions quick) {
        List<Node> nodes = g.nodes();
        long macs = Macs.of(g);
        long[] live = PairingBounds.liveBytes(layerWise, quick); // index t + 1 = step t of the layer-wise graph
        // afterLayerWise[t] = most bytes live at any step after t of the layer-wise graph, which streaming may have
        // given extra nodes (input windows): a node of g is found there by its name.
        int steps = layerWise.nodes().size();
        long[] afterLayerWise = new long[steps + 1];
        for (int t = steps - 1; t >= 0; t--) afterLayerWise[t] = Math.max(afterLayerWise[t + 1], live[t + 2]);
        Map<String, Integer> stepOf = new HashMap<>();
        for (int t = 0; t < steps; t++) stepOf.put(layerWise.nodes().get(t).name(), t);
        long[] suffix = new long[nodes.size()]; // suffix[L] = most bytes live at any step after L (0 when unknown)
        for (int t = 0; t < nodes.size(); t++) {
            Integer at = stepOf.get(nodes.get(t).name());
            suffix[t] = at == null ? 0 : afterLayerWise[at];
        }
        long io = base.ioAreaBytes();
        long input = request.input().streamed() || !base.ioInArena() ? 0
                : g.inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
        List<Candidate> r = new ArrayList<>();
        for (int split = 0; split < nodes.size(); split++) {
            if (!PatchSchedule.canSplitAt(g, split)) continue;
            List<Node> prefix = nodes.subList(0, split + 1);
            var map = prefix.get(split).output().type();
            long s = map.byteSize();
            if (s + io >= base.peakSramBytes()) continue; // the split map alone is as big as the layer-wise peak
            for (int rows = 1; rows <= Math.min(MAX_GRID, map.dim(1)); rows++) {
                for (int cols = 1; cols <= Math.min(MAX_GRID, map.dim(2)); cols++) {
                    if (rows * cols == 1) continue;
                    PatchCost cost = PatchCost.of(prefix, rows, cols, request.input().streamed());
                    if (cost.extraMacs() * 100.0 > request.maxOverheadPercent() * macs) break; // finer grids cost more
                    long during = 0;
                    for (int row = 0; row < rows; row++)
                        during = Math.max(during, s * row / rows + cost.largestTensorBytesByRow()[row]);
                    long bound = io + Math.max(suffix[split], input + during);
                    r.add(new Candidate(split, rows, cols, cost, bound));
                }
            }
        }
        return r;
    }

    private static long millis(long t0) { return (System.nanoTime() - t0) / 1_000_000L; }
}
