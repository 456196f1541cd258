package dev.tinyforge.plan.patch;

import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shared golden model with a splittable layer, at up to three split points, every grid from 1x1 to 8x8
 * that fits the split map (a sample of grids for mcunetv2-large, whose prefix is large): the split layer's map
 * assembled from patches equals the layer-wise map byte for byte (the interpreter is bit-exact with TFLM), with
 * the input held in SRAM and streamed.
 */
class PatchGridsInterpreterTest {

    private static final int[][] LARGE_MODEL_GRIDS = {{1, 1}, {1, 8}, {2, 3}, {5, 7}, {8, 8}};

    @Test
    void everyGoldenModelEveryGridAtSeveralSplits() {
        if (Shared.require("golden") == null) return;
        int checked = 0;
        for (GoldenModel m : GoldenModel.all()) {
            Graph g = load(m);
            List<Integer> splits = splitPoints(g);
            if (splits.isEmpty()) continue;
            List<Tensor> input = m.inputTensors(g, m.inputIndices().get(0));
            List<Tensor> layerWise = new ArrayList<>();
            int last = splits.get(splits.size() - 1);
            try { // layer by layer up to the last split point
                new Interpreter().run(g, input, (i, n, outs) -> {
                    layerWise.add(outs.get(0));
                    if (i == last) throw new Done();
                });
            } catch (Done d) {
                // reached
            }
            boolean large = m.name().equals("mcunetv2-large");
            for (int split : splits) {
                var map = g.nodes().get(split).output().type();
                for (int rows = 1; rows <= Math.min(8, map.dim(1)); rows++) {
                    for (int cols = 1; cols <= Math.min(8, map.dim(2)); cols++) {
                        if (large && !listed(rows, cols)) continue;
                        InputSource src = (rows + cols) % 2 == 0 ? InputSource.SRAM : InputSource.FLASH;
                        byte[] got = patchedSplitMap(m, split, rows, cols, src, input);
                        assertArrayEquals(layerWise.get(split).toBytes(), got,
                                m.name() + " " + rows + "x" + cols + "@" + split + " input " + src);
                        checked++;
                    }
                }
            }
            System.out.printf("PATCHGRIDS %s: splits %s bit-exact%n", m.name(), splits);
        }
        assertTrue(checked > 100, "only " + checked + " settings checked");
    }

    private static boolean listed(int rows, int cols) {
        for (int[] g : LARGE_MODEL_GRIDS) if (g[0] == rows && g[1] == cols) return true;
        return false;
    }

    private static Graph load(GoldenModel m) {
        Graph g = Compiler.load(m.modelFile());
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        return g;
    }

    /** The first splittable layer after the input stage, one a third of the way to the last, and the last in the first half. */
    private static List<Integer> splitPoints(Graph g) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < g.nodes().size() / 2 + 1; i++) if (PatchSchedule.canSplitAt(g, i)) ok.add(i);
        if (ok.size() <= 3) return ok;
        return List.of(ok.get(1), ok.get(ok.size() / 3), ok.get(ok.size() - 1));
    }

    /** Runs the patch stage only (stops once the split map is assembled) and returns that map's bytes. */
    private static byte[] patchedSplitMap(GoldenModel m, int split, int rows, int cols, InputSource src, List<Tensor> input) {
        Graph p = load(m);
        Value map = PatchSchedule.apply(p, split, rows, cols);
        InputStreaming.prepare(p, src);
        dev.tinyforge.ir.Verifier.verify(p);
        byte[][] got = new byte[1][];
        try {
            new Interpreter().run(p, input, (i, n, outs) -> {
                if (n.output() == map) {
                    got[0] = outs.get(0).toBytes();
                    throw new Done();
                }
            });
        } catch (Done d) {
            return got[0];
        }
        throw new AssertionError("the split map was never produced");
    }

    private static final class Done extends RuntimeException {
        Done() { super(null, null, false, false); }
    }
}
