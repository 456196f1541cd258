package dev.tinyforge.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.tinyforge.ir.text.IrParser;
import dev.tinyforge.ir.text.IrPrinter;
import dev.tinyforge.testing.Shared;

/**
 * The cleanup passes run on every real model: the graph stays valid after each pass, keeps its inputs
 * and output shapes, never gains nodes, and still round-trips through the textual IR.
 */
class SharedModelsPassesTest {

    @TestFactory
    Stream<DynamicTest> cleanupPipelineKeepsRealModelsValid() throws IOException {
        Path models = Shared.require("models");
        List<Path> files;
        try (Stream<Path> s = Files.walk(models)) {
            files = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Graph g;
            try {
                g = TfliteReader.read(f);
            } catch (CompileException e) {
                Assumptions.abort("reader rejects " + f.getFileName() + ": " + e.getMessage());
                return;
            }
            int nodesBefore = g.nodes().size();
            List<String> inputsBefore = g.inputs().stream().map(v -> v.name() + v.type()).toList();
            List<String> outputTypesBefore = g.outputs().stream().map(v -> v.type().toString()).toList();
            Pipeline.parse("remove-identity-reshape,fuse-activation,collapse-reshapes,dce").withVerifyEach(true).run(g);
            assertTrue(g.nodes().size() <= nodesBefore);
            assertEquals(inputsBefore, g.inputs().stream().map(v -> v.name() + v.type()).toList());
            assertEquals(outputTypesBefore, g.outputs().stream().map(v -> v.type().toString()).toList());
            String text = IrPrinter.print(g);
            assertEquals(text, IrPrinter.print(IrParser.parse(text)));
        }));
    }
}
