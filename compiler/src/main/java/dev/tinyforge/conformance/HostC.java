package dev.tinyforge.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.tinyforge.CompileException;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.sim.Processes;

/**
 * Runs a compiled graph as generated C on the host: C sources into a temporary folder, built with one gcc
 * call at -O0 (the conformance models are tiny; this keeps a few hundred builds quick), run on the concatenated
 * input bytes, outputs split by the graph's output types. The folder is deleted afterwards.
 */
final class HostC {
    private HostC() {}

    /** Thrown when the graph has an op without a C kernel: the test is unsupported on this backend. */
    static final class NoKernel extends RuntimeException {
        NoKernel(String message) { super(message); }
    }

    /** The outputs of g (already through its pass pipeline) computed by generated C. */
    static List<Tensor> run(Graph g, List<Tensor> inputs) {
        Compiler.CompiledModel cm;
        try {
            cm = Compiler.compile(g, new Pipeline(List.of()), CompileOptions.DEFAULT);
        } catch (CompileException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("C kernel") || m.contains("no kernel for")) throw new NoKernel(m.replaceAll("; it supports \\[.*\\]", ""));
            if (m.contains("is not quantized")) throw new NoKernel(m + " (integer arithmetic without quantization has no C kernel)");
            throw e;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tinyforge-conformance-");
            cm.code().writeTo(dir);
            // one gcc call over every source (the folder holds only the kernels the model uses): the flags of
            // Makefile.host at -O0, without make's per-file processes (about 40% quicker for these tiny models)
            List<String> cmd = new ArrayList<>(List.of("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-Iruntime/include", "-I.",
                    "-O0", "-o", "host_main"));
            Path root = dir;
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".c")).map(f -> root.relativize(f).toString()).sorted().forEach(cmd::add);
            }
            cmd.add("-lm");
            Processes.Result r = Processes.run(cmd, dir, 300);
            if (r.exitCode() != 0) throw new CompileException("host build failed: " + lastLine(r.output()));
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            for (Tensor t : inputs) in.write(t.toBytes());
            byte[] out = dev.tinyforge.sim.HostRunner.run(dir.resolve("host_main"), in.toByteArray(), 60);
            List<Tensor> outs = new ArrayList<>();
            int at = 0;
            for (Value v : cm.graph().outputs()) {
                int n = (int) v.type().byteSize();
                if (at + n > out.length) throw new CompileException("the host run wrote " + out.length + " bytes, fewer than the outputs need");
                outs.add(Tensor.fromBytes(v.type().withQuant(null), Arrays.copyOfRange(out, at, at + n)));
                at += n;
            }
            return outs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private static String lastLine(String s) {
        String[] l = s.trim().split("\n");
        return l[l.length - 1];
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
