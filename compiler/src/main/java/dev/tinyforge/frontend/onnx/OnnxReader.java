package dev.tinyforge.frontend.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;

/** Entry point of the ONNX frontend: a .onnx file to an IR graph (float, NHWC inside, ONNX layout at the boundary). */
public final class OnnxReader {
    private OnnxReader() {}

    public static Graph read(Path model) {
        return normalize(OnnxImporter.importModel(OnnxProtoReader.readModel(bytes(model))));
    }

    /** Batch normalization (MUL/ADD by per-channel constants after import) folded into convs. */
    private static Graph normalize(Graph g) {
        new dev.tinyforge.passes.FoldAffineIntoConv().run(g);
        new dev.tinyforge.passes.DeadCodeElimination().run(g);
        return g;
    }

    /** Reads a model with the named graph inputs bound to constants. */
    public static Graph read(Path model, java.util.Map<String, Tensor> bindings) {
        return normalize(OnnxImporter.importModel(OnnxProtoReader.readModel(bytes(model)), bindings));
    }

    /** The names of the graph inputs that are not initializers, in order. */
    public static java.util.List<String> inputNames(Path model) {
        OnnxProto.Graph g = OnnxProtoReader.readModel(bytes(model)).graph();
        java.util.Set<String> inits = new java.util.HashSet<>();
        for (OnnxProto.TensorData t : g.initializers()) inits.add(t.name());
        return g.inputs().stream().map(OnnxProto.ValueInfo::name).filter(n -> !inits.contains(n)).toList();
    }

    public static Graph read(byte[] model) {
        return OnnxImporter.importModel(OnnxProtoReader.readModel(model));
    }

    /** A serialized TensorProto file (ONNX test data .pb) as an IR tensor. */
    public static Tensor readTensor(Path pb) {
        return OnnxTensors.toTensor(OnnxProtoReader.readTensor(bytes(pb)));
    }

    /** True when the bytes look like a serialized ModelProto (field 1, ir_version, as a varint first). */
    public static boolean looksLikeOnnx(byte[] head, int n) {
        return n >= 2 && head[0] == 0x08 && head[1] > 0 && head[1] < 32;
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CompileException("file not found: " + p);
        } catch (IOException e) {
            throw new CompileException("cannot read " + p + ": " + e.getMessage());
        }
    }
}
