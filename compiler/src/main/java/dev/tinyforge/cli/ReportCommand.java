package dev.tinyforge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.report.ModelReport;
import dev.tinyforge.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compiles a model and reports MACs, weights, arena and per-layer costs (text, or JSON with --json).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite file") Path model;

    @Mixin CompileFlags flags = new CompileFlags();

    @Option(names = "--json", description = "print one JSON object") boolean json;

    @Override public Integer call() {
        CompiledModel cm = Compiler.compile(Compiler.load(model), flags.options(0));
        flags.writeOutputs(cm);
        System.out.print(json ? Json.write(ModelReport.json(cm)) : ModelReport.text(cm));
        return 0;
    }
}
