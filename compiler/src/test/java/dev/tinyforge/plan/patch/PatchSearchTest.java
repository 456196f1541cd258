package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --patch auto: within the MAC bound, never worse than layer-wise, off where patching cannot help. */
class PatchSearchTest {

    private static CompiledModel compile(Path model, PatchRequest request) {
        return Compiler.compile(model, CompileOptions.DEFAULT.withPatch(request));
    }

    @Test
    void mcunetVwwStreamedAutoMeetsTheTargetAndMatchesTflmInC() {
        if (Shared.require("golden/mcunet-vww") == null) return;
        GoldenModel m = GoldenModel.named("mcunet-vww");
        CompiledModel cm = compile(m.modelFile(), PatchRequest.AUTO.withInput(InputSource.FLASH));
        PatchChoice p = cm.patch();
        assertFalse(p.isOff(), "streaming the input leaves the first stages as the peak: patches must pay off");
        assertTrue(p.macOverheadPercent() <= PatchRequest.DEFAULT_MAX_OVERHEAD_PERCENT, p.toString());
        assertEquals(Macs.of(cm.graph()), p.patchedMacs(), "MACs costed from receptive fields = MACs of the patched graph");
        long peak = cm.plan().peakSramBytes();
        // TinyEngine: 59,568 B + the 19,200 B input held outside; we count everything (the input is streamed).
        assertTrue(peak < 50_000, "mcunet-vww streamed patched peak " + peak);
        assertTrue(cm.graph().inputs().get(0).isStreamed());
        HostBuilds.Built built = HostBuilds.build(Compiler.load(m.modelFile()), "mcunet-vww-auto-flash",
                CompileOptions.DEFAULT.withPatch(PatchRequest.AUTO.withInput(InputSource.FLASH)));
        for (int k : m.inputIndices()) assertArrayEquals(m.output(k), built.run(m.input(k)), "mcunet-vww auto streamed input " + k);
        System.out.printf("PATCHAUTO mcunet-vww flash: %s, peak %,d B (layer-wise %,d), %d costed, %d planned, %d ms%n", p, peak,
                p.layerWisePeak(), p.candidates(), p.planned(), p.searchMillis());
    }

    @Test
    void tighterBoundIsRespected() {
        Path model = Shared.require("models/mcunet/mcunet-vww.tflite");
        if (model == null) return;
        PatchRequest tight = new PatchRequest(PatchRequest.Mode.AUTO, null, 2.0, 0, InputSource.FLASH);
        CompiledModel cm = compile(model, tight);
        assertTrue(cm.patch().macOverheadPercent() <= 2.0, cm.patch().toString());
        CompiledModel loose = compile(model, PatchRequest.AUTO.withInput(InputSource.FLASH));
        assertTrue(cm.plan().peakSramBytes() >= loose.plan().peakSramBytes() - 64,
                "a looser bound cannot need (much) more memory: " + cm.plan().peakSramBytes() + " vs " + loose.plan().peakSramBytes());
    }

    /** Small savings are not worth extra MACs, unless the layer-wise plan does not fit the board. */
    @Test
    void smallSavingsCountOnlyOnABoardThatIsTooSmall() {
        assertFalse(PatchSearch.worthPatching(100_000, 95_000, 0), "5% saved, no board");
        assertTrue(PatchSearch.worthPatching(100_000, 90_000, 0), "10% saved");
        assertFalse(PatchSearch.worthPatching(100_000, 95_000, 128_000), "5% saved, fits anyway");
        assertTrue(PatchSearch.worthPatching(100_000, 95_000, 96_000), "5% saved and then it fits");
        assertTrue(PatchSearch.worthPatching(100_000, 99_000, 64_000), "any saving when it does not fit either way");
        assertFalse(PatchSearch.worthPatching(100_000, 100_000, 64_000), "no saving");
    }

    @Test
    void fullyConnectedModelStaysLayerWise() {
        if (Shared.require("golden/hello_world_int8") == null) return;
        CompiledModel cm = compile(GoldenModel.named("hello_world_int8").modelFile(), PatchRequest.AUTO);
        assertTrue(cm.patch().isOff());
        assertEquals(0, cm.patch().candidates(), "no layer of an FC-only model can be split");
    }

    @Test
    void inputInSramCannotBeBeatenWhenItIsThePeak() {
        // mcunet-vww's float input (76,800 B) must sit whole in SRAM unless streamed: no patch can lower the peak.
        Path model = Shared.require("models/mcunet/mcunet-vww.tflite");
        if (model == null) return;
        CompiledModel cm = compile(model, PatchRequest.AUTO);
        assertTrue(cm.patch().isOff(), cm.patch().toString());
        assertNull(dev.tinyforge.report.ModelReport.json(cm).get("patch"));
    }

    @Test
    void mcunetV2LargeAutoIsFastAndSmall() {
        Path model = Shared.require("models/mcunet/mcunetv2-large.tflite");
        if (model == null) return;
        long t0 = System.nanoTime();
        CompiledModel cm = compile(model, PatchRequest.AUTO.withInput(InputSource.FLASH));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        PatchChoice p = cm.patch();
        assertFalse(p.isOff());
        assertTrue(p.macOverheadPercent() <= PatchRequest.DEFAULT_MAX_OVERHEAD_PERCENT, p.toString());
        assertEquals(Macs.of(cm.graph()), p.patchedMacs());
        long peak = cm.plan().peakSramBytes();
        assertTrue(peak * 4 <= p.layerWisePeak(), "aim: 4x under layer-wise; got " + peak + " vs " + p.layerWisePeak());
        assertTrue(ms < 30_000, "compile with the search took " + ms + " ms");
        System.out.printf("PATCHAUTO mcunetv2-large flash: %s, peak %,d B (layer-wise %,d), search %d ms, compile %d ms%n", p, peak,
                p.layerWisePeak(), p.searchMillis(), ms);
    }
}
