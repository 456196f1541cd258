package dev.tinyforge.plan.patch;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patched graph through the C backend and gcc gives TFLM's golden output bytes for every golden input. */
class PatchedGoldenHostTest {

    @Test
    void mcunetVwwTwoByTwoInCMatchesTflm() {
        if (Shared.require("golden/mcunet-vww") == null) return;
        GoldenModel m = GoldenModel.named("mcunet-vww");
        for (int split : new int[] {3, 6}) {
            Graph g = Compiler.load(m.modelFile());
            PatchSpec.parse("2x2@" + split).applyTo(g);
            HostBuilds.Built built = HostBuilds.build(g, "mcunet-vww-patch-2x2-" + split);
            for (int k : m.inputIndices()) {
                assertArrayEquals(m.output(k), built.run(m.input(k)), "mcunet-vww 2x2 patches split " + split + " input " + k);
            }
            System.out.printf("PATCH C mcunet-vww 2x2@%d: %d inputs bit-exact, peak SRAM %d B%n", split,
                    m.inputIndices().size(), built.compiled().plan().peakSramBytes());
        }
    }

    /**
     * A streamed input without patches: the float image's QUANTIZE becomes virtual and the first layer reads the
     * whole image through one window, converted as it is read (int8 copy in SRAM, the float image in "flash").
     */
    @Test
    void mcunetVwwStreamedLayerWiseInCMatchesTflm() {
        if (Shared.require("golden/mcunet-vww") == null) return;
        GoldenModel m = GoldenModel.named("mcunet-vww");
        HostBuilds.Built built = HostBuilds.build(Compiler.load(m.modelFile()), "mcunet-vww-stream-off",
                dev.tinyforge.CompileOptions.DEFAULT.withPatch(PatchRequest.OFF.withInput(InputSource.CALLBACK)));
        assertTrue(built.compiled().patch().isOff());
        assertTrue(built.compiled().graph().inputs().get(0).isStreamed());
        for (int k : m.inputIndices()) assertArrayEquals(m.output(k), built.run(m.input(k)), "mcunet-vww streamed, input " + k);
        System.out.printf("STREAM C mcunet-vww layer-wise, input streamed: bit-exact, peak SRAM %d B%n",
                built.compiled().plan().peakSramBytes());
    }

    /** MCUNetV2's setting, 4x4 patches up to layer 8, in C against TFLM's golden (first input only: it is big). */
    @Test
    void mcunetV2LargeFourByFourInCMatchesTflm() {
        if (Shared.require("golden/mcunetv2-large") == null) return;
        GoldenModel m = GoldenModel.named("mcunetv2-large");
        Graph g = Compiler.load(m.modelFile());
        PatchSpec.parse("4x4@8").applyTo(g);
        HostBuilds.Built built = HostBuilds.build(g, "mcunetv2-large-patch-4x4");
        int k = m.inputIndices().get(0);
        assertArrayEquals(m.output(k), built.run(m.input(k)), "mcunetv2-large 4x4@8 input " + k);
        System.out.printf("PATCH C mcunetv2-large 4x4@8: bit-exact, peak SRAM %d B%n", built.compiled().plan().peakSramBytes());
    }
}
