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
        CliRunner.Result r = CliRunner.run("report", m.modelFile().toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = Json.parseObject(r.out());
        for (String k : List.of("model", "ops", "macs", "weights_bytes", "arena_bytes", "layers"))
            assertTrue(j.containsKey(k), "missing key " + k);
        assertEquals("person_detect", j.get("model"));
        assertEquals((double) m.totalMacs(), j.get("macs"));
        Map<String, Object> ops = (Map<String, Object>) j.get("ops");
        assertEquals(14.0, ops.get("CONV_2D"));
        assertEquals(14.0, ops.get("DEPTHWISE_CONV_2D"));
        List<Map<String, Object>> layers = (List<Map<String, Object>>) j.get("layers");
        assertEquals(31, layers.size());
        for (String k : List.of("name", "op", "output_shape", "macs", "arena_offset", "arena_size"))
            assertTrue(layers.get(0).containsKey(k), "layer key " + k);
        double arena = (Double) j.get("arena_bytes");
        // No plan can be smaller than the largest layer's input + output, nor (without in-place) the lower bound.
        assertTrue(arena >= (Double) j.get("lower_bound_bytes"), "arena below the lower bound");
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
}
