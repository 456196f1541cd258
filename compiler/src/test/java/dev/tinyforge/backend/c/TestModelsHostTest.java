package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.Shared;

/**
 * The project's own models (test-models/, no ../shared needed): the generated C gives exactly the
 * reference interpreter's bytes on several random inputs, through the default pipeline.
 */
class TestModelsHostTest {

    @TestFactory
    Stream<DynamicTest> everyTestModelMatchesTheInterpreter() throws IOException {
        List<Path> models;
        try (Stream<Path> s = Files.list(Shared.repoRoot().resolve("test-models"))) {
            models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        assertFalse(models.isEmpty(), "test-models/ holds no models");
        return models.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Graph g = Compiler.load(p);
            if (g.nodes().stream().anyMatch(n -> n.kind() == dev.tinyforge.ir.OpKind.LOG_SOFTMAX
                    && n.input(0).type().elementType() == ElementType.INT8)) {
                String why = "SKIPPED " + p.getFileName() + ": int8 LOG_SOFTMAX has no kernel yet (being added)";
                System.err.println(why);
                org.junit.jupiter.api.Assumptions.abort(why);
            }
            Graph reference = Compiler.load(p); // the interpreter runs the unoptimized graph
            HostBuilds.Built built = HostBuilds.build(g, p.getFileName().toString());
            Random r = new Random(7);
            for (int trial = 0; trial < 5; trial++) {
                List<Tensor> inputs = new ArrayList<>();
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                for (Value in : reference.inputs()) {
                    Tensor t = random(in, r);
                    inputs.add(t);
                    raw.write(t.toBytes());
                }
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (Tensor t : new Interpreter().run(reference, inputs)) expected.write(t.toBytes());
                byte[] actual = built.run(raw.toByteArray());
                assertEquals(-1, Arrays.mismatch(expected.toByteArray(), actual),
                        p.getFileName() + " trial " + trial + ": C differs from the interpreter");
            }
            System.out.printf("test model %-28s C == interpreter on 5 random inputs (arena %,d bytes)%n", p.getFileName(),
                    built.compiled().plan().arenaBytes());
        }));
    }

    private static Tensor random(Value v, Random r) {
        Tensor t = Tensor.zeros(v.type());
        for (int i = 0; i < t.size(); i++) {
            if (v.type().elementType() == ElementType.FLOAT32) t.float32()[i] = r.nextFloat() * 2 - 1;
            else t.setLong(i, r.nextInt(256) - 128);
        }
        return t;
    }
}
