package dev.tinyforge.frontend.tflite;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an IR graph as a .tflite flatbuffer: the inverse of {@link TfliteReader}. One subgraph;
 * buffer 0 is the empty sentinel and every constant gets its own 16-byte-aligned buffer; parameters
 * the IR folds into attributes (axes, paddings, perm, shapes, slice bounds, split axis, resize size)
 * become int32 constant tensors again; explicit conv pads become SAME or VALID (or an explicit PAD
 * operator when neither reproduces them). The output is a pure function of the graph, byte for byte.
 */
public final class TfliteWriter {
    private TfliteWriter() {}

    /** Recorded in Model.description. */
    public static final String DESCRIPTION = "tinyforge TfliteWriter";

    public static byte[] write(Graph graph) {
        TfliteWriterPlan plan = new TfliteWriterPlan(graph);
        for (Node n : graph.nodes())
            if (n.kind() == OpKind.SVDF && n.input(4) != null) plan.markVariable(n.input(4));
        for (Value v : graph.inputs()) plan.inputs.add(plan.tensor(v));
        TfliteOpWriter ops = new TfliteOpWriter(plan);
        for (Node n : graph.nodes()) ops.write(n);
        for (Value v : graph.outputs()) plan.outputs.add(plan.tensor(v));
        return TfliteFlatbufferWriter.serialize(plan, DESCRIPTION);
    }

    public static void write(Graph graph, Path file) {
        byte[] bytes = write(graph);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CompileException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
