package dev.tinyforge.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tinyforge.CompileException;

/** Runs external tools (make, gcc, qemu) with a time limit, capturing their output. */
public final class Processes {
    private Processes() {}

    public record Result(int exitCode, String output, boolean timedOut) {}

    public static Result run(List<String> command, Path workDir, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CompileException("cannot run '" + command.get(0) + "': " + e.getMessage()
                    + " (is it installed and on PATH?)");
        }
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process died; whatever was read is kept
            }
        });
        reader.start();
        try {
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
            return new Result(done ? p.exitValue() : -1, out.toString(), !done);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CompileException("interrupted while running " + command.get(0));
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (java.nio.file.Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
