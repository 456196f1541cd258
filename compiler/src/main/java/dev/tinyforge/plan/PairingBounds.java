package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Live bytes per step that no plan {@link ArenaPlanner} may return can go below, whichever in-place pairs it
 * keeps or drops: the planner picks among the layer-wise problem and in-place problems whose pairs are a
 * subset of the pairs the lifetime analysis allows (one per node, any of its legal candidates). At each step
 * only that step's node can pair (its input dies there and its output is born there), so with pairs the live
 * bytes are at least the in-place problem's tensors minus the largest saving of any legal candidate of that
 * node; the bound at a step is the smaller of that and the layer-wise live bytes (folding concatenations can
 * hold a buffer longer, so either can be the smaller).
 */
public final class PairingBounds {
    private PairingBounds() {}

    /** Index t + 1 = step t (0: before the first layer, last: after the last). */
    public static long[] liveBytes(Graph g, PlanOptions options) {
        MemoryProblem layerWise = LifetimeAnalysis.analyze(g, new PlanOptions(false, options.ioInArena(), 0));
        long[] bound = LowerBounds.liveBytes(layerWise.arenaBuffers(), layerWise.steps());
        if (!options.inPlace()) return bound;
        MemoryProblem p = LifetimeAnalysis.analyze(g, options);
        List<Buffer> tensors = new ArrayList<>();
        Map<Value, Buffer> bufferOf = new IdentityHashMap<>();
        for (Buffer b : p.arenaBuffers())
            if (!b.isScratch()) {
                tensors.add(b);
                for (Value v : b.members()) bufferOf.put(v, b);
            }
        for (Buffer b : p.ioBuffers()) for (Value v : b.members()) bufferOf.put(v, b);
        long[] live = LowerBounds.liveBytes(tensors, p.steps());
        for (int i = 0; i < p.steps(); i++) {
            live[i + 1] -= largestSaving(g.nodes().get(i), i, bufferOf, p, options);
            bound[i + 1] = Math.min(bound[i + 1], live[i + 1]);
        }
        return bound;
    }

    /** The most bytes any legal pairing of the node saves at its step (0 when it cannot pair). */
    private static long largestSaving(Node n, int i, Map<Value, Buffer> bufferOf, MemoryProblem p, PlanOptions options) {
        if (p.noOps().contains(n) || n.outputs().size() != 1) return 0;
        Buffer out = bufferOf.get(n.output());
        if (!LifetimeAnalysis.ownOutput(n, i, out, p.ioBuffers())) return 0;
        List<InPlaceRules.Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < n.inputs().size(); k++) candidates.add(InPlaceRules.candidate(n, k));
        candidates.add(InPlaceRules.overlap(n, options));
        long best = 0;
        for (InPlaceRules.Candidate c : candidates)
            if (c != null && LifetimeAnalysis.inputMayBeOverwritten(n, i, c.inputIndex(), out, bufferOf, p.ioBuffers()))
                best = Math.max(best, InPlaceRules.saving(n, c));
        return best;
    }
}
