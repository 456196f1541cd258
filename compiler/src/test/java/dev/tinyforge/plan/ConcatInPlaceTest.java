package dev.tinyforge.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.testing.HostBuilds;

/**
 * A folded concatenation (its producers wrote their slices straight into its buffer) is one contiguous
 * tensor once written, so the op after it may run in place or overlapped over it: random concatenation +
 * in-place chains get plans the independent checker accepts, with such pairs under every scheme that
 * applies; the checker refuses a pair over a single slice; the generated C gives the same bytes as with
 * every memory optimization off.
 */
class ConcatInPlaceTest {
    private static final PlanOptions FAST = new PlanOptions(true, true, 20);

    /** Pairs whose input buffer is a folded concatenation (it has slices at non-zero offsets). */
    private static List<InPlace> overConcat(MemoryPlan p) {
        List<InPlace> r = new ArrayList<>();
        for (InPlace ip : p.inPlace()) if (!ip.input().memberOffsets().isEmpty()) r.add(ip);
        return r;
    }

    @Test
    void randomConcatChainsGetValidPlansWithPairsOverTheConcatenation() {
        Map<InPlaceScheme, Integer> schemes = new EnumMap<>(InPlaceScheme.class);
        int graphs = 0;
        for (long seed = 0; seed < 1500; seed++) {
            Graph g = RandomGraphs.concatThenInPlace(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            Verifier.verify(g);
            for (PlanOptions o : List.of(FAST, new PlanOptions(true, true, 20, false), new PlanOptions(true, false, 20))) {
                MemoryPlan p = ArenaPlanner.plan(g, o);
                String why = PlanChecker.check(g, p);
                assertNull(why, "seed " + seed + " " + o + ": " + why);
                assertTrue(p.arenaBytes() >= p.inPlaceLowerBound(), "seed " + seed + ": below the bound");
                for (InPlace ip : overConcat(p)) {
                    assertTrue(ip.input().heldWhole(ip.node().input(ip.inputIndex())), "seed " + seed + ": pair over a slice");
                    if (o == FAST) schemes.merge(ip.scheme(), 1, Integer::sum);
                }
            }
            graphs++;
        }
        System.out.printf("concat + in place: %d random graphs x 3 option sets valid; pairs over a folded concatenation %s%n",
                graphs, schemes);
        for (InPlaceScheme s : List.of(InPlaceScheme.ELEMENTWISE, InPlaceScheme.POINTWISE_PIXELS, InPlaceScheme.PIXEL_ORDER_OVERLAP))
            assertTrue(schemes.getOrDefault(s, 0) > 0, "no pair over a concatenation ran " + s);
    }

    /** A forged pair whose input is one slice of the concatenation (not its whole buffer) is refused. */
    @Test
    void checkerRefusesAPairOverASlice() {
        int forged = 0;
        for (long seed = 0; seed < 300 && forged < 20; seed++) {
            Graph g = RandomGraphs.concatThenInPlace(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            MemoryPlan p = ArenaPlanner.plan(g, FAST);
            for (InPlace ip : overConcat(p)) {
                Node concat = ip.input().root().producer();
                if (concat == null || concat.kind() != OpKind.CONCATENATION || ip.isOverlap()) continue;
                // The node reads the first slice instead of the whole concatenation: same buffer, same first byte.
                g.setNodeInput(ip.node(), ip.inputIndex(), concat.input(0));
                String why = PlanChecker.check(p);
                assertNotNull(why, "seed " + seed + ": a pair over a slice went unnoticed");
                assertTrue(why.contains("slice"), why);
                forged++;
                break;
            }
        }
        assertTrue(forged >= 10, "only " + forged + " forgeries tried");
    }

    @Test
    void generatedCIsBitExactWithPairsOverConcatenations() {
        int graphs = 0, pairs = 0;
        for (long seed = 0; graphs < 10 && seed < 200; seed++) {
            Graph on = RandomGraphs.concatThenInPlace(seed);
            Graph probe = RandomGraphs.concatThenInPlace(seed);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(probe);
            int over = overConcat(ArenaPlanner.plan(probe, PlanOptions.DEFAULT)).size();
            if (over == 0) continue;
            Graph off = RandomGraphs.concatThenInPlace(seed);
            byte[] input = new byte[(int) on.inputs().get(0).type().byteSize()];
            new Random(seed * 31 + 7).nextBytes(input);
            HostBuilds.Built a = HostBuilds.build(on, "concat-inplace-on-" + seed, CompileOptions.DEFAULT);
            HostBuilds.Built b = HostBuilds.build(off, "concat-inplace-off-" + seed, CompileOptions.NO_MEMORY_OPTIMIZATIONS);
            assertNull(PlanChecker.check(a.compiled().graph(), a.compiled().plan()));
            assertTrue(!overConcat(a.compiled().plan()).isEmpty(), "seed " + seed + ": compiled plan lost the pair");
            assertArrayEquals(b.run(input), a.run(input), "seed " + seed + ": in place over a concatenation changed the output");
            pairs += over;
            graphs++;
        }
        System.out.printf("concat + in place, generated C: %d graphs bit-exact on vs off, %d pairs over concatenations%n", graphs, pairs);
        assertTrue(graphs >= 10, "only " + graphs + " graphs with a pair over a concatenation");
    }
}
