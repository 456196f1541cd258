package dev.tinyforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.util.Json;

/** report --json has the documented keys with values that agree with TFLM's own figures; compile writes a project. */
class CliReportTest {
    @TempDir Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void reportJsonHasStableKeysAndTrueNumbers() {
        GoldenModel m = GoldenModel.named("person_detect");
        CliRunner.Result r = CliRunner.run("report", m.modelFile().toString(), "--json", "--patch", "off");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.parseObject(r.out());
        for (String k : List.of("model", "ops", "macs", "weights_bytes", "arena_bytes", "layers"))
            assertTrue(j.containsKey(k), "missing key " + k);
        assertEquals("person_detect", j.get("model"));
        assertEquals((double) m.totalMacs(), j.get("macs"));
        assertEquals(null, j.get("patch"), "--patch off reports no patch setting");
        Map<String, Object> ops = (Map<String, Object>) j.get("ops");
        assertEquals(14.0, ops.get("CONV_2D"));
        assertEquals(14.0, ops.get("DEPTHWISE_CONV_2D"));
        List<Map<String, Object>> layers = (List<Map<String, Object>>) j.get("layers");
        assertEquals(31, layers.size());
        for (String k : List.of("name", "op", "output_shape", "macs", "arena_offset", "arena_size"))
            assertTrue(layers.get(0).containsKey(k), "layer key " + k);
        for (String k : List.of("peak_sram_bytes", "scratch_bytes", "io_bytes", "stack_bytes", "lower_bound_bytes",
                "inplace_lower_bound_bytes", "flash_bytes", "code_bytes", "code_bytes_estimated"))
            assertTrue(j.containsKey(k), "missing key " + k);
        double arena = (Double) j.get("arena_bytes");
        // No plan can be smaller than the most bytes live at one step, in-place pairs counted once.
        assertTrue(arena >= (Double) j.get("inplace_lower_bound_bytes"), "arena below the in-place lower bound");
        // person_detect: input 96x96x1 int8 and output 2 int8, both in the arena by default.
        assertEquals(96 * 96 + 2.0, j.get("io_bytes"));
        assertEquals(arena, j.get("peak_sram_bytes"));
        assertEquals((Double) j.get("weights_linked_bytes") + (Double) j.get("constants_bytes") + (Double) j.get("code_bytes"),
                j.get("flash_bytes"));
        CliRunner.Result off = CliRunner.run("report", m.modelFile().toString(), "--json", "--no-inplace", "--no-reorder", "--patch", "off");
        Map<String, Object> jo = Json.parseObject(off.out());
        assertTrue((Double) jo.get("arena_bytes") >= (Double) jo.get("lower_bound_bytes"), "layer-wise arena below the lower bound");
        assertTrue(arena < (Double) jo.get("arena_bytes"), "in-place does not shrink person_detect's arena");
        CliRunner.Result outside = CliRunner.run("report", m.modelFile().toString(), "--json", "--io-outside-arena", "--patch", "off");
        Map<String, Object> jio = Json.parseObject(outside.out());
        // The I/O area holds the input (9216 bytes, a multiple of 16) then the 2-byte output.
        assertEquals((Double) jio.get("arena_bytes") + 9216 + 2, (Double) jio.get("peak_sram_bytes"));
        assertEquals(false, jio.get("io_in_arena"));
    }

    @Test
    void compileWritesACompleteProject() throws Exception {
        Path out = tmp.resolve("proj");
        CliRunner.Result r = CliRunner.run("compile", GoldenModel.named("micro_speech_quantized").modelFile().toString(), "-o",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("model.h", "model.c", "model_weights.c", "model_weights.h", "report.json",
                "runtime/include/tf_kernels.h", "runtime/src/softmax/softmax_s8.c"))
            assertTrue(Files.exists(out.resolve(f)), "missing " + f);
        String c = Files.readString(out.resolve("model.c"));
        assertTrue(c.contains("layer 1: DEPTHWISE_CONV_2D"), "layers are named in the code");
        assertTrue(c.contains("arena["), "layers say where their tensors live");
        assertTrue(!c.contains("malloc"), "no malloc");
    }

    @Test
    void inspectShowsOpsAndQuantization() {
        CliRunner.Result r = CliRunner.run("inspect", GoldenModel.named("kws_ref_model").modelFile().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("DEPTHWISE_CONV_2D"));
        assertTrue(r.out().contains("scale="));
        assertTrue(r.out().contains("per-channel"));
        CliRunner.Result ir = CliRunner.run("inspect", "--ir", GoldenModel.named("kws_ref_model").modelFile().toString());
        assertTrue(ir.out().startsWith("graph @kws_ref_model"), ir.out().substring(0, Math.min(80, ir.out().length())));
    }

    @Test
    void reportLinkMeasuresTheBoardsImage() {
        dev.tinyforge.sim.FirmwareTools.requireCrossCompiler();
        String model = dev.tinyforge.testing.Shared.repoRoot().resolve("test-models/tiny_convnet_int8.tflite").toString();
        CliRunner.Result r = CliRunner.run("report", model, "--board", "qemu-mps2-an386", "--link", "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.parseObject(r.out());
        double flash = (Double) j.get("flash_linked_bytes"), sram = (Double) j.get("sram_linked_bytes");
        // The image holds at least the weights; its SRAM at least the arena and the board's stack (16 KB here).
        assertTrue(flash >= (Double) j.get("weights_bytes"), r.out());
        assertTrue(sram >= (Double) j.get("arena_bytes") + 16 * 1024, r.out());
        CliRunner.Result host = CliRunner.run("report", model, "--link");
        assertEquals(2, host.exit(), "report --link without a board is a user error: " + host.err());
        assertTrue(host.err().contains("needs a board"), host.err());
    }
}
