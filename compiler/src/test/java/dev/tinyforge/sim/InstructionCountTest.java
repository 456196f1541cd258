package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.FirmwareProject;

/** The QEMU instruction counter: exact, repeatable, and per-layer counts that add up to the inference. */
class InstructionCountTest {

    @Test void countsExactlyTheInstructionsBetweenMarks(@TempDir Path dir) throws Exception {
        FirmwareTools.requireQemu();
        Board b = Boards.get("qemu-mps2-an386");
        CompiledModel cm = Compiler.compile(TinyModels.layout());
        long[] counts = new long[2];
        int[] nops = {0, 1000};
        for (int k = 0; k < 2; k++) {
            // Between the two marks: exactly N nops and nothing else that differs between the builds.
            String nopsText = "    __asm__ volatile(\".rept " + nops[k] + "\\n\\tnop\\n\\t.endr\");\n";
            QemuRunner.Result r = runInsteadOfInference(dir.resolve("n" + nops[k]), cm, b, "", nopsText);
            counts[k] = InstructionProfile.from(r.marks(), -1).inference();
        }
        assertEquals(1000, counts[1] - counts[0], "1000 nops between the marks count as 1000 instructions");
    }

    @Test void stackHighWaterMarkSeesAKnownFrame(@TempDir Path dir) throws Exception {
        FirmwareTools.requireQemu();
        Board b = Boards.get("qemu-mps2-an386");
        CompiledModel cm = Compiler.compile(TinyModels.layout());
        long[] used = new long[2];
        int[] frame = {0, 6000};
        for (int k = 0; k < 2; k++) {
            // Instead of the inference: a call whose frame holds `frame` bytes, every one of them written.
            String deep = "__attribute__((noinline)) static void tf_test_deep(void)\n{\n    volatile uint8_t buf["
                    + Math.max(frame[k], 1) + "];\n    for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)i;\n}\n\n";
            QemuRunner.Result r = runInsteadOfInference(dir.resolve("f" + frame[k]), cm, b, deep, "    tf_test_deep();\n");
            UartTranscript t = UartTranscript.parse(r.output());
            assertEquals(b.stackBytes(), t.stackReserved(), r.output());
            assertTrue(t.stackUsed() > 0 && t.stackUsed() < t.stackReserved(), r.output());
            used[k] = t.stackUsed();
        }
        // The 6000-byte frame lies below main's frame; the baseline also counts the unpainted margin (256 bytes) that
        // the deep frame reuses, so the second figure is at least 6000 and at most the baseline plus 6000 and the call.
        assertTrue(used[1] >= 6000 && used[1] <= used[0] + 6000 + 64,
                "a 6000-byte frame: " + used[1] + " bytes of stack (baseline " + used[0] + ")");
    }

    /**
     * The example firmware of {@code cm} for {@code b} in {@code p}, with {@code definitions} before main() and
     * {@code statement} in place of the model_invoke() call between the marks; built, run under QEMU, exit code 0.
     */
    private static QemuRunner.Result runInsteadOfInference(Path p, CompiledModel cm, Board b, String definitions,
                                                           String statement) throws Exception {
        Files.createDirectories(p);
        FirmwareProject.generate(cm, b, null, null).writeTo(p);
        String main = Files.readString(p.resolve("main.c")).replace("int main(void)\n", definitions + "int main(void)\n")
                .replace("    model_invoke();\n", statement);
        Files.writeString(p.resolve("main.c"), main);
        Path elf = FirmwareBuilder.buildForEmulation(p, b, false);
        Symbols s = Symbols.of(elf);
        QemuRunner.Result r = QemuRunner.run(b.qemuMachine(), elf,
                Map.of("begin", s.address("tf_perf_begin"), "end", s.address("tf_perf_end")), 30);
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    @Test void perLayerCountsAddUpAndRepeat() {
        FirmwareTools.requireQemu();
        CompiledModel cm = Compiler.compile(TinyModels.layout());
        Board b = Boards.get("qemu-mps2-an500");
        EmulatedRun.Result first = EmulatedRun.run(cm, b, null, true, 30);
        EmulatedRun.Result again = EmulatedRun.run(cm, b, null, true, 30);
        long[] layers = first.profile().layers();
        assertEquals(cm.graph().nodes().size(), layers.length);
        assertEquals(first.profile().inference(), Arrays.stream(layers).sum(), "per-layer counts sum to the inference count");
        assertTrue(Arrays.stream(layers).allMatch(n -> n > 0), Arrays.toString(layers));
        assertEquals(first.profile().inference(), again.profile().inference(), "counts repeat exactly");
        assertArrayEqualsLong(layers, again.profile().layers());

        // The reshape is a view (no code): its count is only the mark call, far below the copying layers.
        assertTrue(layers[3] < 20 && layers[0] > 100 * layers[3], Arrays.toString(layers));
        // Without per-layer marks the inference costs a little less: the marks' calls only.
        long plain = EmulatedRun.run(cm, b, null, false, 30).profile().inference();
        long overhead = first.profile().inference() - plain;
        assertTrue(overhead > 0 && overhead <= 8L * layers.length, "mark overhead " + overhead);
    }

    @Test void benchJsonAddsInstructionFields() {
        FirmwareTools.requireQemu();
        CompiledModel cm = Compiler.compile(TinyModels.layout());
        EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get("qemu-mps2-an500"), null, true, 30);
        Map<String, Object> j = BenchReport.json(cm, r);
        assertEquals(r.profile().inference(), j.get("instructions"));
        assertEquals(0.0, j.get("macs_per_instruction")); // layout ops have no MACs
        assertTrue(j.containsKey("macs") && j.containsKey("arena_bytes"), "existing report fields are kept");
        @SuppressWarnings("unchecked") List<Map<String, Object>> layers = (List<Map<String, Object>>) j.get("layers");
        long sum = layers.stream().mapToLong(l -> (Long) l.get("instructions")).sum();
        assertEquals(r.profile().inference(), sum);
        assertTrue(BenchReport.layerTable(cm, r).contains("total"));
    }

    private static void assertArrayEqualsLong(long[] a, long[] b) {
        assertEquals(Arrays.toString(a), Arrays.toString(b));
    }
}
