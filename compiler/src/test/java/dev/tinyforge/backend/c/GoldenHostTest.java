package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.OutputComparison;

/**
 * The correctness bar: for every model with a TFLM golden, the generated C built with gcc gives exactly
 * TFLM's output bytes for every golden input (float outputs within {@link OutputComparison}'s tolerance).
 */
class GoldenHostTest {

    @TestFactory
    Stream<DynamicTest> generatedCMatchesTflmGoldens() {
        return GoldenModel.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            Graph g = Compiler.load(m.modelFile());
            HostBuilds.Built built = HostBuilds.build(g, m.name());
            int exact = 0, inputs = 0;
            for (int k : m.inputIndices()) {
                byte[] out = built.run(m.input(k));
                String diff = OutputComparison.compare(m.output(k), out, m.hasFloatOutput());
                assertNull(diff, m.name() + " input " + k + ": " + diff);
                inputs++;
                if (java.util.Arrays.equals(m.output(k), out)) exact++;
            }
            System.out.printf("golden %-24s %d/%d inputs match (%d bit-exact), arena %,d bytes%n", m.name(), inputs, inputs,
                    exact, built.compiled().plan().arenaBytes());
        }));
    }
}
