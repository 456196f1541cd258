package dev.tinyforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.sim.HostRunner;

/** Compiles a graph to C and builds it with gcc in a temporary directory, for tests that run generated code. */
public final class HostBuilds {
    private HostBuilds() {}

    /** A built model: the compiled result and its host executable (kept under compiler/target/host-builds). */
    public record Built(CompiledModel compiled, Path exe) {
        public byte[] run(byte[] input) { return HostRunner.run(exe, input, 300); }
    }

    /** Through the default pipeline. */
    public static Built build(Graph g, String label) {
        return build(g, label, Pipeline.parse(Compiler.DEFAULT_PIPELINE));
    }

    /** Without any pass: one C layer per model op, for layer-by-layer comparisons. */
    public static Built buildUnoptimized(Graph g, String label) {
        return build(g, label, new Pipeline(List.of()));
    }

    public static Built build(Graph g, String label, Pipeline pipeline) {
        try {
            Path dir = Files.createTempDirectory(buildRoot(), label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            CompiledModel cm = Compiler.compile(g, pipeline);
            cm.code().writeTo(dir);
            return new Built(cm, HostRunner.build(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path buildRoot() throws IOException {
        Path root = Shared.repoRoot().resolve("compiler/target/host-builds");
        Files.createDirectories(root);
        return root;
    }
}
