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
import dev.tinyforge.plan.MemorySchedule;
import dev.tinyforge.plan.PlanChecker;
import dev.tinyforge.plan.patch.PatchChoice;
import dev.tinyforge.plan.patch.PatchSearch;

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
     * Lowers ONNX QDQ / QOperator patterns (DEQUANTIZE, float op, quantize) onto the int8 ops; a no-op on
     * graphs without them (TFLite int8 models).
     */
    public static final String QDQ_LOWERING = "lower-qdq-layout,lower-qdq-conv,lower-qdq-binary,lower-qdq-pool,lower-qdq-shape,lower-qdq-boundary,dce";

    /**
     * The default pass pipeline, in order. Every pass after the QDQ lowering keeps outputs bit-exact (checked
     * by the golden tests, which compile through it); the lowering itself trades ONNX's float-defined
     * requantization for TFLite's integer one (within 1 LSB per op, see dev.tinyforge.passes.qdq).
     */
    public static final String DEFAULT_PIPELINE = QDQ_LOWERING + ",fuse-activation,fold-pad-into-conv,sink-transpose-into-reduce,remove-identity-reshape,collapse-reshapes,dce";

    /** Runs the default pipeline, plans memory and generates C for a loaded graph (the graph is changed in place). */
    public static CompiledModel compile(Graph g) {
        return compile(g, Pipeline.parse(DEFAULT_PIPELINE));
    }

    /** Runs the given pipeline, plans memory with every memory optimization on and generates C. */
    public static CompiledModel compile(Graph g, Pipeline pipeline) {
        return compile(g, pipeline, CompileOptions.DEFAULT);
    }

    /** Runs the default pipeline with the given options. */
    public static CompiledModel compile(Graph g, CompileOptions options) {
        return compile(g, Pipeline.parse(DEFAULT_PIPELINE), options);
    }

    /**
     * Runs the pipeline, then (if asked) reorders branches for the least memory, plans memory and generates
     * C. The plan is checked before any code is generated: a plan that could corrupt data never becomes C.
     */
    public static CompiledModel compile(Graph g, Pipeline pipeline, CompileOptions options) {
        Verifier.verify(g);
        pipeline.run(g);
        Verifier.verify(g);
        PatchChoice patch = PatchSearch.apply(g, options.patch(), options.planOptions());
        Verifier.verify(g);
        if (options.reorder()) {
            MemorySchedule.Result r = MemorySchedule.optimize(g, 200_000);
            if (r.order() != null) {
                g.reorder(r.order());
                Verifier.verify(g);
            }
        }
        MemoryPlan plan = ArenaPlanner.plan(g, options.planOptions());
        String problem = PlanChecker.check(g, plan);
        if (problem != null) throw new IllegalStateException("internal error: invalid memory plan: " + problem);
        GeneratedModel code = CModelGenerator.generate(g, plan, options.isa());
        return new CompiledModel(g, plan, code, options, patch);
    }

    public static CompiledModel compile(Path model) { return compile(load(model)); }

    public static CompiledModel compile(Path model, CompileOptions options) { return compile(load(model), options); }

    /**
     * A compiled model: the final IR, its memory plan, its C sources, the options it was compiled with and
     * the patch setting it runs with (never null; {@link PatchChoice#isOff()} when layer by layer).
     */
    public record CompiledModel(Graph graph, MemoryPlan plan, GeneratedModel code, CompileOptions options, PatchChoice patch) {}
}
