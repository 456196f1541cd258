package dev.tinyforge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.conformance.OnnxNodeSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Runs a conformance suite: 'conformance onnx DIR' runs ONNX node tests (model.onnx + test_data_set_*).")
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "onnx") String suite;

    @Parameters(index = "1", paramLabel = "DIR", description = "folder of test folders") Path dir;

    @picocli.CommandLine.Option(names = "--backend", paramLabel = "interp|c", defaultValue = "interp",
            description = "run the compiled models in the reference interpreter (default) or as generated C built with gcc on the host")
    String backend;

    @Override public Integer call() {
        if (!suite.equals("onnx")) throw new CompileException("unknown suite '" + suite + "'; available: onnx");
        if (!Files.isDirectory(dir)) throw new CompileException("not a folder: " + dir);
        OnnxNodeSuite.Backend b = switch (backend) {
            case "interp" -> OnnxNodeSuite.Backend.INTERP;
            case "c" -> OnnxNodeSuite.Backend.C;
            default -> throw new CompileException("unknown backend '" + backend + "'; use interp or c");
        };
        List<OnnxNodeSuite.Result> results = new ArrayList<>();
        for (Path t : OnnxNodeSuite.testDirs(dir)) {
            OnnxNodeSuite.Result r = OnnxNodeSuite.run(t, b);
            results.add(r);
            System.out.println(r.line());
        }
        System.out.println(OnnxNodeSuite.summary(results));
        return results.stream().anyMatch(r -> r.status() == OnnxNodeSuite.Status.FAILED) ? 1 : 0;
    }
}
