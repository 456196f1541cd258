package dev.tinyforge.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.CompileException;
import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.testing.Shared;

/** Every shared model survives print -> parse -> print with all of its weights, and rebuilds the same graph. */
class SharedModelsRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everySharedModelRoundTrips() throws IOException {
        Path models = Shared.require("models");
        List<Path> files;
        try (Stream<Path> s = Files.walk(models)) {
            files = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .tflite files under " + models);
        return files.stream().map(f -> DynamicTest.dynamicTest(models.relativize(f).toString(), () -> {
            Graph g;
            try {
                g = TfliteReader.read(f);
            } catch (CompileException e) {
                // Models the reader rejects (documented in the reader's own tests) have no IR to print.
                String msg = "SKIPPED round-trip of " + f.getFileName() + ": reader rejects it: " + e.getMessage();
                System.err.println(msg);
                Assumptions.abort(msg);
                return;
            }
            String text = IrPrinter.print(g);
            Graph back = IrParser.parse(text, IrParser.Options.DEFAULT.withSourceName(f.getFileName() + ".tir"));
            GraphAssertions.assertSameStructure(g, back);
            assertEquals(text, IrPrinter.print(back), "print -> parse -> print");
        }));
    }
}
