package dev.tinyforge.plan.patch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.plan.PlanOptions;
import dev.tinyforge.testing.Shared;

/**
 * The search's bound on a candidate's peak SRAM is a lower bound: no candidate's real plan (whichever in-place
 * pairs the planner keeps or drops) needs less, so stopping at the first bound above the best plan loses nothing.
 */
class PatchBoundTest {

    private static final PlanOptions QUICK = new PlanOptions(true, true, 0);

    /** Checks every k-th candidate, at most {@code max}; returns how many were checked. */
    private static int checkBounds(Path model, InputSource input, PlanOptions options, int max) {
        Graph g = Compiler.load(model);
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        PatchRequest request = PatchRequest.AUTO.withInput(input);
        List<PatchSearch.Candidate> all = PatchSearch.candidates(g, request, options);
        int step = Math.max(1, all.size() / max), checked = 0;
        for (int i = 0; i < all.size(); i += step) {
            PatchSearch.Candidate c = all.get(i);
            long peak = PatchSearch.plannedPeak(g, c, input, options);
            assertTrue(c.bound() <= peak, model.getFileName() + " " + input + " " + c.rows() + "x" + c.cols() + "@" + c.split()
                    + ": bound " + c.bound() + " above the planned peak " + peak);
            checked++;
        }
        return checked;
    }

    @Test
    void boundNeverExceedsThePlannedPeak() {
        Path vww = Shared.require("models/mcunet/mcunet-vww.tflite"), v96 = Shared.require("models/mlperf-tiny/vww_96_int8.tflite");
        if (vww == null || v96 == null) return;
        int checked = checkBounds(vww, InputSource.FLASH, QUICK, 8) + checkBounds(vww, InputSource.SRAM, QUICK, 5)
                + checkBounds(v96, InputSource.FLASH, QUICK, 5)
                + checkBounds(vww, InputSource.FLASH, new PlanOptions(false, true, 0), 4);
        System.out.printf("patch bound: %d candidates, none planned below its bound%n", checked);
        assertTrue(checked >= 18, "only " + checked + " candidates checked");
    }
}
