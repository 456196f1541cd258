package dev.tinyforge.testmodels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs every generator once per test JVM (training the shapes model takes seconds) and writes the result
 * into a temporary folder, so several test classes can share one regeneration.
 */
final class GeneratedModels {
    private GeneratedModels() {}

    private static Map<String, GeneratedModel> models;
    private static Path dir;

    static synchronized Map<String, GeneratedModel> all() {
        if (models == null) {
            models = new LinkedHashMap<>();
            TestModels.GENERATORS.forEach((name, gen) -> models.put(name, gen.get()));
        }
        return models;
    }

    /** A fresh folder holding everything {@link TestModels#writeAll} would write. */
    static synchronized Path writtenDir() throws java.io.IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("tinyforge-test-models");
            for (GeneratedModel m : all().values()) TestModels.write(m, dir);
        }
        return dir;
    }
}
