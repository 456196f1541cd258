package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tinyforge.CompileException;

/** Builds a generated model for the host with gcc (via its Makefile.host) and runs it on raw input bytes. */
public final class HostRunner {
    private HostRunner() {}

    /** Builds {@code dir}/host_main; the directory holds a generated model. */
    public static Path build(Path dir) {
        if (!Processes.onPath("gcc") || !Processes.onPath("make"))
            throw new CompileException("building for the host needs gcc and make (Debian/Ubuntu: apt-get install gcc make)");
        Processes.Result r = Processes.run(List.of("make", "-s", "-j2", "-f", "Makefile.host"), dir, 900);
        if (r.timedOut()) throw new CompileException("host build timed out in " + dir);
        if (r.exitCode() != 0)
            throw new CompileException("host build failed in " + dir + ":\n" + tail(r.output(), 40));
        return dir.resolve("host_main");
    }

    /** Runs a built host_main on the concatenated input bytes; returns the concatenated output bytes. */
    public static byte[] run(Path exe, byte[] input, long timeoutSeconds) {
        try {
            Path dir = exe.getParent();
            Path in = Files.createTempFile(dir, "input", ".bin");
            Path out = Files.createTempFile(dir, "output", ".bin");
            try {
                Files.write(in, input);
                Processes.Result r = Processes.run(List.of(exe.toString(), in.toString(), out.toString()), dir, timeoutSeconds);
                if (r.timedOut()) throw new CompileException("the model did not finish within " + timeoutSeconds + " s on the host");
                if (r.exitCode() != 0) throw new CompileException("the model failed on the host (exit " + r.exitCode() + "): " + r.output().trim());
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String s, int lines) {
        String[] l = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(l, Math.max(0, l.length - lines), l.length));
    }
}
