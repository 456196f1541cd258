package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.plan.ArenaPlanner;
import dev.tinyforge.plan.PlanOptions;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patch-based graphs must compute exactly what the layer-wise graph computes, map by map. */
class PatchScheduleTest {

    @Test
    void cutsSpreadTheRemainder() {
        assertArrayEquals(new int[] {0, 4, 8}, PatchSchedule.cuts(8, 2));
        assertArrayEquals(new int[] {0, 3, 5, 7}, PatchSchedule.cuts(7, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3}, PatchSchedule.cuts(3, 3));
    }

    @Test
    void residualModelAllSplitsAndGrids() {
        Path model = Shared.repoRoot().resolve("test-models/residual_int8.tflite");
        Graph g = load(model);
        int tested = 0;
        for (int split = 0; split < g.nodes().size(); split++) {
            if (!PatchSchedule.canSplitAt(g, split)) continue;
            tested++;
            for (int[] grid : new int[][] {{1, 1}, {2, 2}, {3, 2}, {1, 5}, {4, 4}}) {
                assertPatchedMatches(model, split, grid[0], grid[1]);
            }
        }
        assertTrue(tested >= 2, "residual_int8 has splittable layers before and after its residual ADD");
    }

    @Test
    void splitBeyondAGlobalReductionIsRefused() {
        Graph g = load(Shared.repoRoot().resolve("test-models/residual_int8.tflite"));
        int inside = indexOf(g, OpKind.ADD) - 1; // the residual branch's last conv: its sibling input is needed later
        assertTrue(!PatchSchedule.canSplitAt(g, inside));
        assertThrows(CompileException.class, () -> PatchSchedule.apply(g, inside, 2, 2));
        int mean = indexOf(g, OpKind.MEAN);
        CompileException e = assertThrows(CompileException.class, () -> PatchSchedule.apply(g, mean, 2, 2));
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void mcunetVwwTwoByTwoAtSeveralLayers() {
        Path model = Shared.require("models/mcunet/mcunet-vww.tflite");
        if (model == null) return;
        Graph g = load(model);
        List<Integer> splits = new ArrayList<>();
        for (int i = 0; i < g.nodes().size() && splits.size() < 4; i++) if (PatchSchedule.canSplitAt(g, i) && i >= 3) splits.add(i);
        assertEquals(4, splits.size());
        for (int split : splits) assertPatchedMatches(model, split, 2, 2);
        assertPatchedMatches(model, splits.get(2), 3, 2);
    }

    /** The graph as the compiler plans it: after the default pass pipeline. */
    static Graph load(Path model) {
        Graph g = TfliteReader.read(model);
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        return g;
    }

    /** MCUNetV2's own setting: 4x4 patches up to layer 8 (the compiler's numbering). */
    @Test
    void mcunetV2LargeFourByFour() {
        Path model = Shared.require("models/mcunet/mcunetv2-large.tflite");
        if (model == null) return;
        assertPatchedMatches(model, 8, 4, 4);
    }

    private static int indexOf(Graph g, OpKind kind) {
        for (int i = 0; i < g.nodes().size(); i++) if (g.nodes().get(i).kind() == kind) return i;
        throw new AssertionError("no " + kind);
    }

    /** Runs both graphs on the same pseudo-random input; compares the split map and every graph output. */
    static void assertPatchedMatches(Path model, int split, int rows, int cols) {
        Graph layerWise = load(model);
        Graph patched = load(model);
        Value assembled = PatchSchedule.apply(patched, split, rows, cols);
        Verifier.verify(patched);
        Tensor input = pseudoRandom(layerWise.inputs().get(0), 12345 + split);

        List<Tensor> splitMap = new ArrayList<>(List.of(Tensor.zeros(assembled.type())));
        List<Tensor> expectedMap = new ArrayList<>(List.of(Tensor.zeros(assembled.type())));
        List<Tensor> want = new Interpreter().run(layerWise, List.of(input),
                (i, n, outs) -> { if (i == split) expectedMap.set(0, outs.get(0)); });
        List<Tensor> got = new Interpreter().run(patched, List.of(input),
                (i, n, outs) -> { if (n.output() == assembled) splitMap.set(0, outs.get(0)); });
        String what = model.getFileName() + " split " + split + " " + rows + "x" + cols;
        assertArrayEquals(expectedMap.get(0).toBytes(), splitMap.get(0).toBytes(), what + ": split map");
        for (int k = 0; k < want.size(); k++) assertArrayEquals(want.get(k).toBytes(), got.get(k).toBytes(), what + ": output " + k);

        long peakLayer = ArenaPlanner.plan(layerWise, PlanOptions.DEFAULT).peakSramBytes();
        long peakPatch = ArenaPlanner.plan(patched, PlanOptions.DEFAULT).peakSramBytes();
        long macsLayer = Macs.of(layerWise), macsPatch = Macs.of(patched);
        assertTrue(macsPatch >= macsLayer, what + ": patching cannot save MACs");
        System.out.printf("PATCH %s: peak SRAM %d -> %d B, MACs %d -> %d (+%.2f%%)%n", what, peakLayer, peakPatch,
                macsLayer, macsPatch, 100.0 * (macsPatch - macsLayer) / macsLayer);
    }

    private static Tensor pseudoRandom(Value in, int seed) {
        byte[] raw = new byte[(int) in.type().byteSize()];
        int x = seed;
        for (int i = 0; i < raw.length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            raw[i] = (byte) x;
        }
        return Tensor.fromBytes(in.type(), raw);
    }
}
