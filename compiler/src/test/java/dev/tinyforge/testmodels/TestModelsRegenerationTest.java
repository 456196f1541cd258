package dev.tinyforge.testmodels;

import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The committed test-models/ are exactly what the generators produce now: they never drift. */
class TestModelsRegenerationTest {

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("README.md")).sorted().toList();
        }
    }

    @Test void committedFilesAreByteIdenticalToAFreshRun() throws IOException {
        Path committed = Shared.repoRoot().resolve("test-models");
        assertTrue(Files.isDirectory(committed), "test-models/ is missing at " + committed);
        Path fresh = GeneratedModels.writtenDir();
        List<String> expected = relativeFiles(fresh);
        assertEquals(expected, relativeFiles(committed),
                "test-models/ holds other files than the generators write; regenerate with TestModels");
        for (String f : expected)
            assertArrayEquals(Files.readAllBytes(fresh.resolve(f)), Files.readAllBytes(committed.resolve(f)),
                    f + " differs from a fresh run; regenerate: java -cp tinyforge.jar dev.tinyforge.testmodels.TestModels test-models/");
    }

    @Test void readmeDescribesEveryModel() throws IOException {
        String readme = Files.readString(Shared.repoRoot().resolve("test-models/README.md"));
        for (String name : TestModels.GENERATORS.keySet()) assertTrue(readme.contains(name + ".tflite"), "README misses " + name);
    }
}
