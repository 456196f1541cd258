package dev.tinyforge.backend.c;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C sources for one model: generated files (model.h, model.c, model_weights.*, host_main.c,
 * Makefile.host) and the runtime-c files they need, copied under runtime/.
 */
public record GeneratedModel(Map<String, String> files, Set<String> runtimeSources, List<String> runtimeHeaders) {

    private static final java.util.regex.Pattern LAYER_FUNCTION =
            java.util.regex.Pattern.compile("(?m)^static [^;{\\n]*?\\bvoid l\\d+_\\w+\\(");

    /**
     * Layer functions model.c specializes (static void lN_...: a kernel body instantiated with the layer's shapes as
     * constants); each is code of its own (dev.tinyforge.report.FlashEstimate counts its bytes).
     */
    public long specializedLayerFunctions() {
        return LAYER_FUNCTION.matcher(files.getOrDefault("model.c", "")).results().count();
    }

    /** Writes everything below {@code dir} (which must exist). */
    public void writeTo(Path dir) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) write(dir.resolve(e.getKey()), e.getValue());
        RuntimeLibrary lib = RuntimeLibrary.get();
        for (String h : runtimeHeaders) write(dir.resolve("runtime").resolve(h), lib.content(h));
        for (String s : runtimeSources) write(dir.resolve("runtime").resolve(s), lib.content(s));
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
