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
        assertTrue(bad.err().contains("--patch expects off or NxM@LAYER"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
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
