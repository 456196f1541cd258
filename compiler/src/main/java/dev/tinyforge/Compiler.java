package dev.tinyforge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.tinyforge.backend.c.CModelGenerator;
import dev.tinyforge.backend.c.GeneratedModel;
import dev.tinyforge.frontend.onnx.OnnxReader;
import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.plan.ArenaPlanner;
import dev.tinyforge.plan.MemoryPlan;

/**
 * The library entry point: load a model, run the pipeline, plan memory, generate C. The CLI is a thin
 * layer over this; tests call it directly.
 */
public final class Compiler {
    private Compiler() {}

    /** Reads a model file, choosing the frontend from its contents. */
    public static Graph load(Path model) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(model)) {
            n = in.readNBytes(head, 0, 8);
        } catch (NoSuchFileException e) {
            throw new CompileException("model file not found: " + model);
        } catch (IOException e) {
            throw new CompileException("cannot read model file " + model + ": " + e.getMessage());
        }
        if (Files.isDirectory(model)) throw new CompileException(model + " is a directory, not a model file");
        if (n >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3') return TfliteReader.read(model);
        String name = model.getFileName().toString();
        if (name.endsWith(".tflite")) return TfliteReader.read(model); // reports what is wrong with it
        if (name.endsWith(".onnx") || OnnxReader.looksLikeOnnx(head, n)) return OnnxReader.read(model);
        throw new CompileException(model + ": unrecognized model format (tinyforge reads .tflite and .onnx files)");
    }

    /**
     * The default pass pipeline, in order. Every pass keeps outputs bit-exact (checked by the golden
     * tests, which compile through it).
     */
    public static final String DEFAULT_PIPELINE = "fuse-activation,remove-identity-reshape,collapse-reshapes,dce";

    /** Runs the default pipeline, plans memory and generates C for a loaded graph (the graph is changed in place). */
    public static CompiledModel compile(Graph g) {
        return compile(g, Pipeline.parse(DEFAULT_PIPELINE));
    }

    /** Runs the given pipeline, plans memory and generates C. */
    public static CompiledModel compile(Graph g, Pipeline pipeline) {
        Verifier.verify(g);
        pipeline.run(g);
        Verifier.verify(g);
        MemoryPlan plan = ArenaPlanner.plan(g);
        GeneratedModel code = CModelGenerator.generate(g, plan);
        return new CompiledModel(g, plan, code);
    }

    public static CompiledModel compile(Path model) { return compile(load(model)); }

    /** A compiled model: the final IR, its memory plan and its C sources. */
    public record CompiledModel(Graph graph, MemoryPlan plan, GeneratedModel code) {}
}
