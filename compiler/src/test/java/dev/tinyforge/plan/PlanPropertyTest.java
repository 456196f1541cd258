package dev.tinyforge.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.passes.Pipeline;

/** Plans of thousands of random graphs (fixed seeds, bounded time) pass the independent checker; the checker catches broken plans. */
class PlanPropertyTest {
    private static final PlanOptions FAST = new PlanOptions(true, true, 20);

    @Test
    void randomGraphsGetValidPlansUnderEveryOption() {
        long deadline = System.nanoTime() + 90_000_000_000L;
        Map<InPlaceScheme, Integer> schemes = new EnumMap<>(InPlaceScheme.class);
        int graphs = 0, folded = 0, reordered = 0, optimal = 0;
        for (long seed = 0; seed < 3000 && System.nanoTime() < deadline; seed++) {
            Graph g = RandomGraphs.generate(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            Verifier.verify(g);
            if (seed % 2 == 0) {
                MemorySchedule.Result r = MemorySchedule.optimize(g, 20_000);
                if (r.order() != null) {
                    g.reorder(r.order());
                    Verifier.verify(g);
                    assertTrue(r.peak() < r.originalPeak());
                    reordered++;
                }
            }
            for (PlanOptions o : List.of(FAST, new PlanOptions(false, true, 20), new PlanOptions(true, false, 20))) {
                MemoryPlan p = ArenaPlanner.plan(g, o);
                String why = PlanChecker.check(g, p);
                assertNull(why, "seed " + seed + " " + o + ": " + why);
                assertTrue(p.arenaBytes() >= p.inPlaceLowerBound(), "seed " + seed + ": below the bound");
                if (!o.inPlace()) {
                    assertTrue(p.arenaBytes() >= p.lowerBound(), "seed " + seed + ": layer-wise plan below the layer-wise bound");
                    assertTrue(p.inPlace().isEmpty());
                }
                for (long t : p.tried().values()) assertTrue(p.arenaBytes() <= t, "seed " + seed + ": kept a worse plan");
                if (o == FAST) {
                    for (InPlace ip : p.inPlace()) schemes.merge(ip.scheme(), 1, Integer::sum);
                    for (Node n : g.nodes()) if (n.kind() == OpKind.CONCATENATION && p.isNoOp(n)) folded++;
                    if (p.optimal()) optimal++;
                }
            }
            graphs++;
        }
        System.out.printf("plan property: %d random graphs x 3 option sets valid; in place %s; %d concatenations folded; "
                + "%d reordered; %d proven optimal%n", graphs, schemes, folded, reordered, optimal);
        assertTrue(graphs >= 500, "only " + graphs + " graphs in the time budget");
        for (InPlaceScheme s : InPlaceScheme.values()) assertTrue(schemes.getOrDefault(s, 0) > 0, "no graph exercised " + s);
        assertTrue(folded > 0, "no concatenation was folded");
        assertTrue(reordered > 0, "no graph was reordered");
    }

    @Test
    void checkerCatchesOverlappingLiveBuffers() {
        int caught = 0;
        for (long seed = 0; seed < 300; seed++) {
            Graph g = RandomGraphs.generate(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            MemoryPlan p = ArenaPlanner.plan(g, FAST);
            List<Buffer> bs = p.buffers();
            outer:
            for (Buffer a : bs)
                for (Buffer b : bs) {
                    if (a == b || !a.overlapsInTime(b) || a.bytes() == 0 || b.bytes() == 0 || paired(p, a, b)) continue;
                    Map<Buffer, Long> offsets = new IdentityHashMap<>();
                    for (Buffer x : bs) offsets.put(x, p.offset(x));
                    offsets.put(b, p.offset(a));
                    MemoryPlan broken = new MemoryPlan(g, p.problem(), offsets, "broken", false, Map.of(), p.lowerBound(), 0);
                    assertNotNull(PlanChecker.check(broken), "seed " + seed + ": moving " + b + " onto " + a + " went unnoticed");
                    caught++;
                    break outer;
                }
        }
        assertTrue(caught > 200, "only " + caught + " corruptions tried");
    }

    private static boolean paired(MemoryPlan p, Buffer a, Buffer b) {
        for (InPlace ip : p.inPlace())
            if (ip.input() == a && ip.output() == b || ip.input() == b && ip.output() == a) return true;
        return false;
    }

    /**
     * Multiplier 2 over 2 channels: channel 0's outputs (output channels 0 and 1) land on input channel 1
     * of pixel 0, not read yet, so in place is wrong; with one input channel everything written was read.
     */
    @Test
    void depthwiseMultiplierSafetyByHand() {
        assertFalse(DepthwiseInPlaceSafety.isSafe(4, 4, 2, 4, 4, 2));
        assertTrue(DepthwiseInPlaceSafety.isSafe(4, 4, 2, 4, 4, 1));
        assertTrue(DepthwiseInPlaceSafety.isSafe(96, 96, 1, 48, 48, 8)); // person_detect's first layer: one channel, all read first
        assertFalse(DepthwiseInPlaceSafety.isSafe(48, 48, 8, 48, 48, 8));
    }

    /** A forged in-place pair for an unsafe depthwise is rejected by the checker even with offsets that agree. */
    @Test
    void checkerRejectsUnsafeInPlaceDepthwise() {
        Graph g = new Graph("dw_mult2");
        Quant q = Quant.perTensor(0.05f, 0);
        Value x = g.addInput("x", new TensorType(ElementType.INT8, new int[] {1, 4, 4, 2}, q));
        Value w = g.newConstant("w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {1, 3, 3, 4},
                new Quant(new float[] {0.01f, 0.01f, 0.01f, 0.01f}, new int[4], 3))));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, 4, 4, 4}, q));
        Node dw = g.addNode("dw", OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 2, Activation.NONE), java.util.Arrays.asList(x, w, null), List.of(y));
        Value z = g.newValue("z", y.type());
        g.addNode("relu", OpKind.RELU, Attrs.None.INSTANCE, List.of(y), List.of(z));
        g.addOutput(z);
        // overlap off: the depthwise may legally overlap its input (a different scheme, checked elsewhere)
        MemoryProblem p = LifetimeAnalysis.analyze(g, new PlanOptions(true, true, 300, false));
        assertTrue(p.inPlace().stream().noneMatch(ip -> ip.node() == dw), "the analysis paired an unsafe depthwise");
        Buffer in = p.arenaBuffers().stream().filter(b -> b.root() == x).findFirst().orElseThrow();
        Buffer out = p.arenaBuffers().stream().filter(b -> b.root() == y).findFirst().orElseThrow();
        Buffer scratch = Buffer.scratch("scratch", 64, 0);
        List<Buffer> buffers = new java.util.ArrayList<>(p.arenaBuffers());
        buffers.add(scratch);
        List<InPlace> pairs = new java.util.ArrayList<>(p.inPlace());
        pairs.add(new InPlace(dw, 0, 0, in, out, scratch, InPlaceScheme.DEPTHWISE_CHANNEL_PLANES));
        MemoryProblem forged = new MemoryProblem(buffers, p.ioBuffers(), pairs, p.noOps(), p.steps());
        Map<Buffer, Long> offsets = new IdentityHashMap<>();
        long next = 0;
        for (Buffer b : buffers) {
            offsets.put(b, b == out ? 0L : b == in ? 0L : 1024 + next);
            next += 1024;
        }
        // The relu runs in place over y, so z sits at y's offset too.
        for (InPlace ip : pairs) if (ip.node().kind() == OpKind.RELU) offsets.put(ip.output(), offsets.get(ip.input()));
        MemoryPlan plan = new MemoryPlan(g, forged, offsets, "forged", false, Map.of(), 0, 0);
        String why = PlanChecker.check(plan);
        assertNotNull(why);
        assertTrue(why.contains("cannot run in place"), why);
    }

    @Test
    void exactSearchProvesSmallPlansOptimal() {
        int proven = 0;
        for (long seed = 0; seed < 200; seed++) {
            Graph g = RandomGraphs.generate(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            MemoryPlan p = ArenaPlanner.plan(g, new PlanOptions(true, true, 500));
            assertNull(PlanChecker.check(g, p));
            if (p.optimal()) proven++;
        }
        assertTrue(proven >= 150, "only " + proven + " of 200 small plans proven optimal");
    }

    @Test
    void liveBytesNeverExceedTheArena() {
        for (long seed = 0; seed < 200; seed++) {
            Graph g = RandomGraphs.generate(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            MemoryPlan p = ArenaPlanner.plan(g, FAST);
            long max = 0;
            for (long l : p.liveBytesPerStep()) max = Math.max(max, l);
            assertEquals(p.inPlaceLowerBound(), max, "seed " + seed);
            assertTrue(max <= p.arenaBytes());
        }
    }
}
