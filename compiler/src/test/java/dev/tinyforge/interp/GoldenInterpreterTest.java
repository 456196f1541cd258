package dev.tinyforge.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.testing.GoldenModel;

/**
 * The interpreter against TFLM's goldens: every input_k.bin of every model gives output_k.bin (bytes
 * equal for integer outputs; float outputs within {@link #FLOAT_ABS} + {@link #FLOAT_REL} * |expected|,
 * since TFLM's own float outputs differ in the last bits between builds), and every op's output for
 * input 0 equals intermediates_0/ (which names the first wrong op when something is off).
 */
class GoldenInterpreterTest {
    static final double FLOAT_ABS = 1e-5, FLOAT_REL = 1e-4;

    private static final Map<String, Graph> graphs = new HashMap<>();

    private static synchronized Graph graph(GoldenModel c) {
        return graphs.computeIfAbsent(c.name(), n -> dev.tinyforge.frontend.tflite.TfliteReader.read(c.modelFile()));
    }

    @TestFactory
    List<DynamicTest> finalOutputsMatchTflm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenModel c : GoldenModel.all())
            for (int k : c.inputIndices())
                tests.add(DynamicTest.dynamicTest(c.name() + " input_" + k, () -> {
                    Graph g = graph(c);
                    List<Tensor> outs = new Interpreter().run(g, c.inputTensors(g, k));
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    for (Tensor t : outs) got.write(t.toBytes());
                    byte[] expected = c.output(k);
                    boolean isFloat = outs.stream().allMatch(t -> t.type().elementType() == ElementType.FLOAT32);
                    if (isFloat) assertFloatsClose(c.name() + " output_" + k, expected, got.toByteArray());
                    else assertArrayEquals(expected, got.toByteArray(), c.name() + " output_" + k);
                }));
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyLayerMatchesTflmIntermediates() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenModel c : GoldenModel.all())
            tests.add(DynamicTest.dynamicTest(c.name() + " intermediates_0", () -> {
                Graph g = graph(c);
                Map<Integer, String> files = new HashMap<>();
                String index = new String(c.file("intermediates_0/index.tsv"), StandardCharsets.UTF_8);
                for (String line : index.split("\n")) {
                    String[] f = line.split("\t");
                    if (f.length > 1 && !f[0].equals("file")) files.put(Integer.parseInt(f[1]), f[0]);
                }
                assertEquals(g.nodes().size(), files.size(), c.name() + ": ops in graph vs index.tsv");
                List<String> wrong = new ArrayList<>();
                int[] exact = {0}, bitExactFloat = {0}, floatLayers = {0};
                new Interpreter().run(g, c.inputTensors(g, 0), (i, node, outs) -> {
                    byte[] expected = c.file("intermediates_0/" + files.get(i));
                    byte[] got = outs.get(0).toBytes();
                    String why = compare(node, outs.get(0), expected, got);
                    if (why == null) exact[0]++;
                    else wrong.add("op " + i + " " + node + ": " + why);
                    if (outs.get(0).type().elementType() == ElementType.FLOAT32) {
                        floatLayers[0]++;
                        if (java.util.Arrays.equals(expected, got)) bitExactFloat[0]++;
                    }
                });
                System.out.println("[golden] " + c.name() + ": " + exact[0] + "/" + g.nodes().size() + " layers match"
                        + (floatLayers[0] > 0 ? " (" + bitExactFloat[0] + "/" + floatLayers[0] + " float layers bit-exact)" : ""));
                if (!wrong.isEmpty())
                    fail(c.name() + ": " + wrong.size() + " layers differ; first: " + String.join("\n  ", wrong.subList(0, Math.min(5, wrong.size()))));
            }));
        return tests;
    }

    private static String compare(Node node, Tensor t, byte[] expected, byte[] got) {
        if (expected.length != got.length) return "size " + got.length + " vs " + expected.length + " bytes";
        if (t.type().elementType() == ElementType.FLOAT32) {
            String why = floatMismatch(expected, got);
            return why;
        }
        int diffs = 0, first = -1, maxAbs = 0;
        for (int i = 0; i < got.length; i++)
            if (got[i] != expected[i]) {
                diffs++;
                if (first < 0) first = i;
                maxAbs = Math.max(maxAbs, Math.abs(got[i] - expected[i]));
            }
        return diffs == 0 ? null : diffs + " bytes differ (first at " + first + ": " + got[first] + " vs " + expected[first] + ", max |d| " + maxAbs + ")";
    }

    private static String floatMismatch(byte[] expected, byte[] got) {
        var e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        var g = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < e.limit(); i++) {
            float a = e.get(i), b = g.get(i);
            if (!(Math.abs(a - b) <= FLOAT_ABS + FLOAT_REL * Math.abs(a)))
                return "float " + i + ": " + b + " vs " + a;
        }
        return null;
    }

    private static void assertFloatsClose(String what, byte[] expected, byte[] got) {
        assertEquals(expected.length, got.length, what + " size");
        String why = floatMismatch(expected, got);
        if (why != null) fail(what + ": " + why);
    }
}
