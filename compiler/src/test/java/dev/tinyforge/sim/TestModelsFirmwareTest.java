package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.SampleInput;
import dev.tinyforge.testing.Shared;

/**
 * The project's own test models (test-models/) as firmware on all five emulated machines: outputs
 * equal to the host build's and to the interpreter's, on the deterministic sample input.
 */
class TestModelsFirmwareTest {
    static final List<String> EMULATED = List.of("qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547", "qemu-netduinoplus2",
            "qemu-microbit");

    /** Each model's host output, built once for all boards. */
    static final Map<String, byte[]> HOST_OUTPUTS = new ConcurrentHashMap<>();

    static byte[] hostRun(CompiledModel cm, byte[] input, Path dir) {
        try {
            cm.code().writeTo(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return HostRunner.run(HostRunner.build(dir), input, 30);
    }

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> r = new ArrayList<>();
        Path dir = Shared.repoRoot().resolve("test-models");
        if (!Files.isDirectory(dir)) return Stream.empty();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path m : s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList()) {
                for (String b : EMULATED) r.add(Arguments.of(m.getFileName().toString(), b));
            }
        }
        return r.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void firmwareEqualsHostAndInterpreter(String file, String board, @TempDir Path tmp) throws Exception {
        FirmwareTools.requireQemu();
        Path model = Shared.repoRoot().resolve("test-models").resolve(file);
        CompiledModel cm = Compiler.compile(model);
        byte[] input = SampleInput.of(cm.graph());
        byte[] host = HOST_OUTPUTS.computeIfAbsent(file, f -> hostRun(cm, input, tmp));
        byte[] fw = EmulatedRun.run(cm, Boards.get(board), input, false, 60).outputs();
        assertArrayEquals(host, fw, file + " on " + board + " vs host build");
        assertArrayEquals(GoldenFirmwareTest.interpret(Compiler.load(model), input), fw, file + " on " + board + " vs interpreter");
    }
}
