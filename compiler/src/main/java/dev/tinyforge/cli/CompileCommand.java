package dev.tinyforge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.OutputDirectory;
import dev.tinyforge.report.ModelReport;
import dev.tinyforge.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compiles a model into a C project: model.c/model.h, weights, the runtime kernels it needs, a report.")
final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite or .onnx file") Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "output directory (replaced as a whole)")
    Path output;

    @Option(names = "--board", defaultValue = "host", description = "target board (default: ${DEFAULT-VALUE})") String board;

    @picocli.CommandLine.Mixin QuantizeOptions quantize = new QuantizeOptions();

    @Override public Integer call() {
        if (!board.equals("host"))
            throw new CompileException("unknown board '" + board + "'; available: host");
        CompiledModel cm = Compiler.compile(quantize.apply(Compiler.load(model), System.out));
        OutputDirectory.write(output, dir -> {
            cm.code().writeTo(dir);
            java.nio.file.Files.writeString(dir.resolve("report.json"), Json.write(ModelReport.json(cm)));
            java.nio.file.Files.writeString(dir.resolve("report.txt"), ModelReport.text(cm));
        });
        System.out.print(ModelReport.text(cm));
        System.out.println("wrote " + output);
        return 0;
    }
}
