package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;

/**
 * Layer by layer against TFLM: every op's output tensor for input 0 (golden intermediates_0/) equals the
 * generated C's. The final output of mcunetv2-large collapses to a constant, so this is its real test.
 * Every node output is made a graph output so the C program writes them all.
 */
class GoldenIntermediatesHostTest {

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesTflm() {
        return Stream.of("mcunetv2-large", "mcunet-vww", "person_detect").map(name -> DynamicTest.dynamicTest(name, () -> {
            GoldenModel m = GoldenModel.named(name);
            Graph g = Compiler.load(m.modelFile());
            List<Value> produced = new ArrayList<>();
            for (Node n : g.nodes()) produced.add(n.output());
            for (Value v : produced) if (!g.outputs().contains(v)) g.addOutput(v);
            // graph outputs now: the original ones, then every other node output in order
            byte[] all = HostBuilds.buildUnoptimized(g, name + "-all-layers").run(m.input(0));
            List<String[]> rows = index(m.dir().resolve("intermediates_0"));
            int checked = 0;
            for (String[] row : rows) {
                int op = Integer.parseInt(row[1]);
                Value v = g.nodes().get(op).output();
                long offset = 0;
                for (Value o : g.outputs()) {
                    if (o == v) break;
                    offset += o.type().byteSize();
                }
                byte[] expected = Files.readAllBytes(m.dir().resolve("intermediates_0").resolve(row[0]));
                byte[] actual = Arrays.copyOfRange(all, (int) offset, (int) offset + expected.length);
                int first = Arrays.mismatch(expected, actual);
                assertEquals(-1, first, name + " op " + op + " (" + row[2] + " " + v.name() + ") differs first at byte " + first);
                checked++;
            }
            assertTrue(checked == g.nodes().size(), "only " + checked + " of " + g.nodes().size() + " ops have golden intermediates");
            System.out.printf("intermediates %-16s all %d layers bit-exact with TFLM%n", name, checked);
        }));
    }

    private static List<String[]> index(Path dir) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("index.tsv"))) {
            if (line.startsWith("file\t") || line.isBlank()) continue;
            rows.add(line.split("\t"));
        }
        return rows;
    }
}
