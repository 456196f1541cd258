package dev.tinyforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.OutputDirectory;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.FirmwareProject;
import dev.tinyforge.board.MemoryBudget;
import dev.tinyforge.report.ModelReport;
import dev.tinyforge.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compiles a model into a C project: model.c/model.h, weights, the runtime kernels it needs, a report.",
                "With --board B (see 'tinyforge boards') it writes a complete firmware project: startup code, linker script,",
                "console UART, an example main.c and a Makefile (make, make size, make flash, make sim, make renode)."})
final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite or .onnx file") Path model;

    @Mixin CompileFlags flags = new CompileFlags();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "output directory (replaced as a whole)")
    Path output;

    @Option(names = "--board", defaultValue = "host", description = "target board (default: ${DEFAULT-VALUE}; see 'tinyforge boards')")
    String board;

    @Option(names = "--sample-input", paramLabel = "FILE",
            description = "raw input bytes main.c feeds the model (default: a deterministic pattern)")
    Path sampleInput;

    @picocli.CommandLine.Mixin QuantizeOptions quantize = new QuantizeOptions();

    @Override public Integer call() throws IOException {
        Board b = Boards.get(board);
        CompiledModel cm = Compiler.compile(quantize.apply(Compiler.load(model), System.out),
                flags.options(b.isHost() ? 0 : b.sramBytes()).withIsa(b.isa()));
        if (b.isHost()) {
            if (sampleInput != null) throw new CompileException("--sample-input needs a firmware board (--board), not host");
            OutputDirectory.write(output, dir -> {
                cm.code().writeTo(dir);
                Files.writeString(dir.resolve("report.json"), Json.write(ModelReport.json(cm)));
                Files.writeString(dir.resolve("report.txt"), ModelReport.text(cm));
            });
            flags.writeOutputs(cm);
            System.out.print(ModelReport.text(cm));
            System.out.println("wrote " + output);
            return 0;
        }
        byte[] input = sampleInput == null ? null : read(sampleInput);
        // Checks that the model fits the board before anything is written.
        FirmwareProject fp = FirmwareProject.generate(cm, b, input, "file " + (sampleInput == null ? "" : sampleInput.getFileName()));
        MemoryBudget budget = MemoryBudget.of(cm, b, inputBytes(cm));
        Map<String, Object> report = ModelReport.json(cm);
        report.put("board", b.name());
        report.put("sram_estimate_bytes", budget.sramBytes());
        report.put("flash_estimate_bytes", budget.flashBytes());
        OutputDirectory.write(output, dir -> {
            fp.writeTo(dir);
            Files.writeString(dir.resolve("report.json"), Json.write(report));
            Files.writeString(dir.resolve("report.txt"), ModelReport.text(cm));
        });
        flags.writeOutputs(cm);
        System.out.print(ModelReport.text(cm));
        System.out.printf("fits %s: SRAM ~%,d of %,d bytes, flash ~%,d of %,d bytes (estimates; the link checks exactly)%n",
                b.name(), budget.sramBytes(), b.sramBytes(), budget.flashBytes(), b.flashBytes());
        System.out.println("wrote " + output + " (make -C " + output + " builds the firmware; make sim runs it under QEMU)");
        return 0;
    }

    private static long inputBytes(CompiledModel cm) {
        return cm.graph().inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
    }

    static byte[] read(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new CompileException("input file not found: " + p);
        }
    }
}
