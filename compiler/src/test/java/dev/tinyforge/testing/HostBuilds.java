package dev.tinyforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.sim.HostRunner;

/** Compiles a graph to C and builds it with gcc in a temporary directory, for tests that run generated code. */
public final class HostBuilds {
    private HostBuilds() {}

    /** Returns the built host executable. The directory is left for inspection under target/. */
    public static Path build(Graph g, String label) {
        try {
            Path dir = Files.createTempDirectory(buildRoot(), label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            Compiler.compile(g).code().writeTo(dir);
            return HostRunner.build(dir);
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
