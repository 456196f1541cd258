package dev.tinyforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.Isa;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.sim.BenchReport;
import dev.tinyforge.sim.EmulatedRun;
import dev.tinyforge.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Builds profiled firmware, runs one inference under QEMU and counts instructions exactly (TCG plugin):",
                "per layer and in total, with MACs per instruction. With several models: one summary row per model."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", arity = "1..*", description = ".tflite files") List<Path> models;

    @Option(names = "--board", defaultValue = "qemu-mps2-an500",
            description = "an emulated board, or a real one (runs on its stand-in); default: ${DEFAULT-VALUE}")
    String board;

    @Option(names = "--json", description = "print JSON (the report with instructions added) instead of the table") boolean json;

    @Option(names = "--json-out", paramLabel = "FILE", description = "also write the JSON to FILE") Path jsonOut;

    @Option(names = "--input", paramLabel = "FILE", description = "raw input bytes (default: a deterministic pattern)") Path input;

    @Option(names = "--portable", description = "portable C kernels only, even where the core has DSP or Helium (for before/after comparisons)") boolean portable;

    @picocli.CommandLine.Mixin PatchFlags patch = new PatchFlags();

    @Option(names = "--timeout", defaultValue = "600", description = "seconds per QEMU run (default: ${DEFAULT-VALUE})") long timeout;

    @Override public Integer call() throws IOException {
        Board b = Boards.get(board);
        if (b.isHost()) throw new CompileException("bench counts instructions under QEMU: choose an emulated or real board, not host");
        byte[] in = input == null ? null : CompileCommand.read(input);
        if (models.size() == 1) {
            CompiledModel cm = Compiler.compile(models.get(0), options(b));
            EmulatedRun.Result r = EmulatedRun.run(cm, b, in, true, timeout);
            Map<String, Object> j = BenchReport.json(cm, r);
            System.out.print(json ? Json.write(j) : BenchReport.layerTable(cm, r));
            if (jsonOut != null) OutputFile.write(jsonOut, Json.write(j).getBytes());
            return 0;
        }
        // Several models (make bench): keep going past a model that fails and say why in its row.
        List<Map<String, Object>> rows = new ArrayList<>();
        int failures = 0;
        for (Path m : models) {
            String name = m.getFileName().toString().replaceFirst("\\.tflite$", "");
            try {
                CompiledModel cm = Compiler.compile(m, options(b));
                rows.add(BenchReport.summary(name, cm, EmulatedRun.run(cm, b, in, true, timeout)));
            } catch (CompileException e) {
                failures++;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", name);
                row.put("error", e.getMessage().lines().findFirst().orElse(""));
                rows.add(row);
            }
            if (!json) System.err.println("bench: " + name + (rows.get(rows.size() - 1).containsKey("error") ? " failed" : " done"));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("board", b.name());
        all.put("models", rows);
        System.out.print(json ? Json.write(all) : BenchReport.summaryTable(rows));
        if (jsonOut != null) OutputFile.write(jsonOut, Json.write(all).getBytes());
        return failures == 0 ? 0 : 1;
    }

    private CompileOptions options(Board b) {
        return CompileOptions.DEFAULT.withIsa(portable ? Isa.PORTABLE : b.isa()).withPatch(patch.request(b.sramBytes()));
    }
}
