package dev.tinyforge.testmodels;

import dev.tinyforge.CompileException;
import dev.tinyforge.frontend.tflite.TfliteWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Regenerates the project's own test models into a folder (the repository's {@code test-models/}):
 * for each model {@code <name>.tflite} and {@code <name>.json}, plus any extra files (shape samples).
 * Everything is deterministic: fixed seeds, StrictMath, single-threaded training, so the output is the
 * same bytes on every machine and a test checks the committed files against a fresh run.
 *
 * <p>Usage: {@code java -cp tinyforge.jar dev.tinyforge.testmodels.TestModels test-models/}
 */
public final class TestModels {
    private TestModels() {}

    /** The generators, in the order they are written. */
    public static final Map<String, Supplier<GeneratedModel>> GENERATORS = new java.util.LinkedHashMap<>();

    static {
        GENERATORS.put(TinyConvnetModel.NAME, TinyConvnetModel::generate);
        GENERATORS.put(ResidualModel.NAME, ResidualModel::generate);
        GENERATORS.put(OpsZooModel.NAME, OpsZooModel::generate);
        GENERATORS.put(MicroKwsModel.NAME, MicroKwsModel::generate);
        GENERATORS.put(ShapesClassifierModel.NAME, ShapesClassifierModel::generate);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp tinyforge.jar dev.tinyforge.testmodels.TestModels <output folder>");
            System.exit(2);
        }
        try {
            for (String line : writeAll(Path.of(args[0]))) System.out.println(line);
        } catch (CompileException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Writes every model into {@code dir}; returns one summary line per model. */
    public static List<String> writeAll(Path dir) {
        List<String> summary = new java.util.ArrayList<>();
        for (Supplier<GeneratedModel> gen : GENERATORS.values()) summary.add(write(gen.get(), dir));
        return summary;
    }

    public static String write(GeneratedModel m, Path dir) {
        byte[] model = TfliteWriter.write(m.graph());
        TfliteWriter.write(m.graph(), dir.resolve(m.name() + ".tflite"));
        writeFile(dir.resolve(m.name() + ".json"), ModelInfoJson.of(m, model.length).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : m.extraFiles().entrySet()) writeFile(dir.resolve(e.getKey()), e.getValue());
        return String.format("%-24s %7d bytes  %3d nodes  %9d MACs", m.name() + ".tflite", model.length,
                m.graph().nodes().size(), ModelStats.macs(m.graph()));
    }

    private static void writeFile(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CompileException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
