package dev.tinyforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tinyforge.testing.Shared;
import dev.tinyforge.util.Json;

/** report --patch: the patched plan is reported, and a bad --patch is a one-line user error. */
class CliPatchTest {

    @Test
    void patchedReportAndBadSpec() {
        String vww = Shared.require("models/mcunet/mcunet-vww.tflite").toString();
        // The input image (float, 76,800 B) held outside the arena, as TinyEngine's patch figures count it.
        Map<String, Object> off = report(vww, "off");
        Map<String, Object> patched = report(vww, "2x2@6");
        assertTrue((Double) patched.get("arena_bytes") < (Double) off.get("arena_bytes") * 0.6,
                "2x2 patches up to layer 6 should cut the arena well below layer-wise: " + patched.get("arena_bytes"));
        assertTrue((Double) patched.get("macs") > (Double) off.get("macs"), "patches recompute their halo");
        CliRunner.Result bad = CliRunner.run("report", vww, "--patch", "2x2");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("--patch expects auto, off or NxM@LAYER"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoStreamedReportsTheSettingAndDrawsThePatchStage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        String vww = Shared.require("models/mcunet/mcunet-vww.tflite").toString();
        java.nio.file.Path svg = tmp.resolve("m.svg");
        CliRunner.Result r = CliRunner.run("report", vww, "--json", "--input-stream", "flash", "--memory-svg", svg.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.parseObject(r.out());
        Map<String, Object> p = (Map<String, Object>) j.get("patch");
        assertTrue(p != null, "auto with a streamed input patches mcunet-vww");
        for (String k : java.util.List.of("split_layer", "grid", "extra_macs", "mac_overhead_percent")) assertTrue(p.containsKey(k), k);
        assertTrue((Double) p.get("mac_overhead_percent") <= 15.0);
        assertEquals((Double) p.get("layer_wise_macs") + (Double) p.get("extra_macs"), (Double) j.get("macs"));
        assertEquals("flash", j.get("input_stream"));
        Map<String, Object> in = (Map<String, Object>) ((java.util.List<Object>) j.get("inputs")).get(0);
        assertEquals("stream", in.get("area"));
        assertTrue((Double) j.get("peak_sram_bytes") < 50_000, "streamed patched peak " + j.get("peak_sram_bytes"));
        assertTrue(java.nio.file.Files.readString(svg).contains("patch stage: "), "the SVG labels the patch stage");
        for (String[] bad : new String[][] {{"--patch-max-overhead", "lots"}, {"--input-stream", "tape"}}) {
            CliRunner.Result e = CliRunner.run("report", vww, bad[0], bad[1]);
            assertNotEquals(0, e.exit());
            assertEquals(1, e.err().strip().lines().count(), e.err());
        }
    }

    private static Map<String, Object> report(String model, String patch) {
        CliRunner.Result r = CliRunner.run("report", model, "--json", "--io-outside-arena", "--patch", patch);
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.parseObject(r.out());
        System.out.printf("CLIPATCH %s --patch %s: arena %.0f peak %.0f macs %.0f%n", model, patch, j.get("arena_bytes"),
                j.get("peak_sram_bytes"), j.get("macs"));
        return j;
    }
}
