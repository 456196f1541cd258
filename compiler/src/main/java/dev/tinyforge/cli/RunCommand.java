package dev.tinyforge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.OutputDirectory;
import dev.tinyforge.ir.Value;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.sim.EmulatedRun;
import dev.tinyforge.sim.HostRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compiles a model, builds it, runs one inference and writes the raw output bytes.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite or .onnx file") Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "input: raw little-endian .bin, .npy, or ONNX TensorProto .pb (by extension); repeat for several inputs")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "output file: .npy (one output) or raw bytes (all outputs concatenated)")
    Path output;

    @Option(names = "--board", defaultValue = "host",
            description = "where to run (default: ${DEFAULT-VALUE}); an emulated board runs under QEMU, a real board on its emulated stand-in")
    String board;

    @Option(names = "--timeout", defaultValue = "120", description = "seconds before the run is abandoned") long timeout;

    @picocli.CommandLine.Mixin PatchFlags patch = new PatchFlags();

    @Override public Integer call() throws IOException {
        Board b = Boards.get(board);
        byte[] input = readInputs();
        CompiledModel cm = Compiler.compile(model, CompileOptions.DEFAULT.withIsa(b.isa())
                .withPatch(patch.request(b.isHost() ? 0 : b.sramBytes())));
        long expected = cm.graph().inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
        if (input.length != expected)
            throw new CompileException("the inputs hold " + input.length + " bytes; the model's inputs need " + expected + " ("
                    + describe(cm.graph().inputs()) + ")");
        if (!b.isHost()) {
            EmulatedRun.Result r = EmulatedRun.run(cm, b, input, false, timeout);
            OutputFile.write(output, r.outputs());
            System.out.printf("ran on %s%s: %,d instructions per inference, stack used %,d of %,d bytes%n", b.name(),
                    b.isReal() ? " (emulated by " + r.emulation().name() + ")" : "", r.profile().inference(), r.stackUsed(),
                    b.stackBytes());
            return 0;
        }
        Path work = Files.createTempDirectory("tinyforge-run-");
        try {
            cm.code().writeTo(work);
            byte[] out = HostRunner.run(HostRunner.build(work), input, timeout);
            if (output.getFileName().toString().endsWith(".npy")) out = npyOutput(cm, out);
            OutputFile.write(output, out);
        } finally {
            OutputDirectory.deleteTree(work);
        }
        return 0;
    }

    private byte[] readInputs() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : inputs) {
            try {
                all.write(inputBytes(p));
            } catch (NoSuchFileException e) {
                throw new CompileException("input file not found: " + p);
            }
        }
        return all.toByteArray();
    }

    /** Raw bytes, or the data of a .npy array or an ONNX TensorProto .pb, chosen by extension. */
    private static byte[] inputBytes(Path p) throws IOException {
        String n = p.getFileName().toString();
        if (n.endsWith(".npy")) return dev.tinyforge.util.Npy.read(Files.readAllBytes(p), p.toString()).toBytes();
        if (n.endsWith(".pb")) return dev.tinyforge.frontend.onnx.OnnxReader.readTensor(p).toBytes();
        return Files.readAllBytes(p);
    }

    /** The single output as a .npy array with its shape and element type. */
    private static byte[] npyOutput(CompiledModel cm, byte[] raw) {
        if (cm.graph().outputs().size() != 1) throw new CompileException("a .npy output needs a model with one output; use .bin");
        var t = cm.graph().outputs().get(0).type();
        return dev.tinyforge.util.Npy.write(dev.tinyforge.ir.Tensor.fromBytes(t.withQuant(null), raw));
    }

    private static String describe(List<Value> vs) {
        StringBuilder b = new StringBuilder();
        for (Value v : vs) {
            if (b.length() > 0) b.append(", ");
            b.append(v.name()).append(": ").append(v.type().shapeString()).append(' ').append(v.type().elementType().shortName())
                    .append(" = ").append(v.type().byteSize()).append(" bytes");
        }
        return b.toString();
    }
}
