package dev.tinyforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.sim.EmulatedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Compiles a classifier for a board, runs it on sample inputs under QEMU and prints what a person",
                "wants to see: the class scores, peak SRAM, flash and exact instructions per inference."})
final class DemoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite or .onnx classifier") Path model;

    @Option(names = "--board", defaultValue = "stm32f746g-disco", description = "board (default: ${DEFAULT-VALUE})") String board;

    @Option(names = "--input", paramLabel = "FILE", description = "raw input bytes; repeat for several samples (default: a deterministic pattern)")
    List<Path> inputs;

    @Option(names = "--labels", paramLabel = "FILE", description = "class names, one per line") Path labels;

    @Override public Integer call() throws IOException {
        Board b = Boards.get(board);
        if (b.isHost()) throw new CompileException("demo runs under QEMU: pick a firmware board (see 'tinyforge boards')");
        CompiledModel cm = Compiler.compile(model, dev.tinyforge.CompileOptions.DEFAULT.withIsa(b.isa()));
        List<String> names = labels == null ? List.of() : Files.readAllLines(labels).stream().filter(s -> !s.isBlank()).toList();
        Value out = cm.graph().outputs().get(0);
        System.out.printf("%s on %s (emulated by %s)%n", cm.graph().name(), b.name(), Boards.emulationOf(b).name());
        EmulatedRun.Result last = null;
        List<Path> samples = inputs == null ? java.util.Collections.singletonList(null) : inputs;
        for (Path sample : samples) {
            byte[] in = sample == null ? dev.tinyforge.board.SampleInput.of(cm.graph()) : CompileCommand.read(sample);
            last = EmulatedRun.run(cm, b, in, false, 120);
            float[] scores = scores(out, last.outputs());
            int best = 0;
            for (int i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
            System.out.printf("%n  input %s -> %s%n", sample == null ? "(built-in pattern)" : sample.getFileName(), label(names, best));
            for (int i = 0; i < scores.length; i++)
                System.out.printf("    %-12s %6.3f %s%n", label(names, i), scores[i], "#".repeat(Math.round(Math.max(0, scores[i]) * 30)));
        }
        System.out.printf("%n  peak SRAM    %,d bytes (activations, scratch and I/O; plus stack)%n", cm.plan().peakSramBytes());
        System.out.printf("  flash        %,d bytes (linked image: code + weights)%n", last.size().flashBytes());
        System.out.printf("  instructions %,d per inference (exact, QEMU)%n", last.profile().inference());
        return 0;
    }

    private static String label(List<String> names, int i) { return i < names.size() ? names.get(i) : "class " + i; }

    /** The first output as real numbers (dequantized when quantized). */
    private static float[] scores(Value out, byte[] raw) {
        byte[] first = java.util.Arrays.copyOf(raw, (int) out.type().byteSize());
        Tensor t = Tensor.fromBytes(out.type(), first);
        float[] r = new float[t.size()];
        Quant q = out.type().quant();
        for (int i = 0; i < r.length; i++)
            r[i] = out.type().elementType() == ElementType.FLOAT32 ? t.float32()[i]
                    : q == null ? t.getInt(i) : q.scale() * (t.getInt(i) - q.zeroPoint());
        return r;
    }
}
