package dev.tinyforge.frontend.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.Shared;

/**
 * Every shared model reads, and what we read agrees with what TFLM itself recorded in the golden
 * model_info.json: op counts by type, input and output shapes.
 */
class TfliteReaderSharedModelsTest {

    @TestFactory
    Stream<DynamicTest> everySharedModelReads() throws IOException {
        Path models = Shared.require("models");
        List<Path> files;
        try (Stream<Path> s = Files.walk(models)) {
            files = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            TfliteReader.read(f);
        }));
    }

    @TestFactory
    Stream<DynamicTest> opCountsAndShapesMatchTflmModelInfo() {
        return GoldenModel.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            Graph g = TfliteReader.read(m.modelFile());
            assertEquals(opCountsFromInfo(m), opCounts(g), "op counts");
            assertShapes(m.inputsInfo(), g.inputs().stream().map(v -> v.type().shape()).toList());
            assertShapes(m.outputsInfo(), g.outputs().stream().map(v -> v.type().shape()).toList());
        }));
    }

    private static void assertShapes(List<Map<String, Object>> expected, List<int[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            int[] e = ((List<?>) expected.get(i).get("shape")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            assertArrayEquals(e, actual.get(i));
        }
    }

    /** TFLite op counts, with SQUEEZE/EXPAND_DIMS counted as our RESHAPE, as the reader maps them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> opCountsFromInfo(GoldenModel m) {
        Map<String, Integer> r = new TreeMap<>();
        ((Map<String, Object>) m.info().get("op_counts")).forEach((k, v) -> r.merge(
                k.equals("SQUEEZE") || k.equals("EXPAND_DIMS") ? "RESHAPE" : k, ((Number) v).intValue(), Integer::sum));
        return r;
    }

    private static Map<String, Integer> opCounts(Graph g) {
        Map<String, Integer> m = new TreeMap<>();
        for (Node n : g.nodes()) m.merge(n.kind().name(), 1, Integer::sum);
        return m;
    }
}
