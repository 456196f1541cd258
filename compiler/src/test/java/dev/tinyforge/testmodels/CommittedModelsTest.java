package dev.tinyforge.testmodels;

import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.testing.Shared;
import dev.tinyforge.testmodels.floateval.FloatEvaluator;
import dev.tinyforge.testmodels.floateval.FloatTensor;
import dev.tinyforge.testmodels.train.ShapesTrainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The committed files as a fresh clone sees them: every model reads and verifies; the shape samples are classified right. */
class CommittedModelsTest {

    private static Path dir() { return Shared.repoRoot().resolve("test-models"); }

    @Test void everyCommittedModelReadsAndVerifies() {
        for (String name : TestModels.GENERATORS.keySet()) {
            Path file = dir().resolve(name + ".tflite");
            Graph g = TfliteReader.read(file);
            Verifier.verify(g);
            assertFalse(g.nodes().isEmpty(), name);
        }
    }

    @Test void shapeSamplesAreClassifiedAsTheirFileNameSays() throws IOException {
        Graph g = TfliteReader.read(dir().resolve(ShapesClassifierModel.NAME + ".tflite"));
        Path samples = dir().resolve(ShapesClassifierModel.SAMPLES_DIR);
        List<String> labels = Files.readAllLines(samples.resolve("labels.txt"), StandardCharsets.UTF_8);
        assertEquals(List.of("circle", "square", "triangle", "cross"), labels);
        Quant q = g.inputs().get(0).type().quant();
        int checked = 0;
        try (var files = Files.list(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".bin")).sorted().toList()) {
                byte[] raw = Files.readAllBytes(f);
                assertEquals(32 * 32, raw.length, f.toString());
                float[] real = new float[raw.length];
                for (int i = 0; i < raw.length; i++) real[i] = q.scale() * (raw[i] - q.zeroPoint());
                FloatTensor probs = FloatEvaluator.run(g, List.of(new FloatTensor(new int[] {1, 32, 32, 1}, real)))
                        .get(g.outputs().get(0));
                String name = f.getFileName().toString();
                String expected = name.substring(0, name.lastIndexOf('_'));
                assertEquals(expected, labels.get(ShapesTrainer.argmax(probs.data())), name);
                checked++;
            }
        }
        assertEquals(12, checked);
    }
}
