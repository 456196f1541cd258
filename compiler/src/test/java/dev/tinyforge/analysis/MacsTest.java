package dev.tinyforge.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.Compiler;
import dev.tinyforge.testing.GoldenModel;

/** Our MAC count agrees with the total TFLM's tooling recorded for every golden model. */
class MacsTest {
    @TestFactory
    Stream<DynamicTest> macsMatchModelInfo() {
        return GoldenModel.all().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> assertEquals(m.totalMacs(), Macs.of(Compiler.load(m.modelFile())), m.name())));
    }
}
