package dev.tinyforge.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.testing.Shared;

/**
 * ONNX's "light" architectures (squeezenet, shufflenet, inception_v1): input arange(n)/n, expected
 * output from ONNX's reference evaluator, tolerance as ONNX's runner (rtol 1e-3, atol 1e-7).
 */
class OnnxLightModelsTest {

    static Tensor arangeInput(Graph g) {
        Tensor in = Tensor.zeros(g.inputs().get(0).type());
        int n = in.size();
        for (int i = 0; i < n; i++) in.float32()[i] = (float) i / n;
        return in;
    }

    @ParameterizedTest
    @ValueSource(strings = {"squeezenet", "shufflenet", "inception_v1"})
    void matchesReference(String name) {
        Path dir = Shared.require("conformance/onnx-light");
        Graph g = OnnxReader.read(dir.resolve("light_" + name + ".onnx"));
        Verifier.verify(g);
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        Verifier.verify(g);
        List<Tensor> out = new Interpreter().run(g, List.of(arangeInput(g)));
        Tensor want = OnnxReader.readTensor(dir.resolve("light_" + name + "_output_0.pb"));
        assertEquals(want.size(), out.get(0).size());
        double worst = 0;
        for (int i = 0; i < want.size(); i++) {
            double a = out.get(0).getDouble(i), b = want.getDouble(i);
            double excess = Math.abs(a - b) - (1e-3 * Math.abs(b) + 1e-7);
            worst = Math.max(worst, excess);
            assertTrue(excess <= 0, name + " element " + i + ": " + a + " vs " + b);
        }
        long transposes = g.nodes().stream().filter(n -> n.kind() == dev.tinyforge.ir.OpKind.TRANSPOSE).count();
        if (name.equals("squeezenet")) {
            // the same graph as generated C (float kernels), built with gcc
            dev.tinyforge.testing.HostBuilds.Built built = dev.tinyforge.testing.HostBuilds.build(g, "onnx-" + name);
            Tensor c = Tensor.fromBytes(out.get(0).type(), built.run(arangeInput(g).toBytes()));
            for (int i = 0; i < want.size(); i++) {
                double a = c.getDouble(i), b = want.getDouble(i);
                assertTrue(Math.abs(a - b) <= 1e-3 * Math.abs(b) + 1e-6, name + " C element " + i + ": " + a + " vs " + b);
            }
            System.out.println(name + ": generated C matches the reference too");
        }
        System.out.println(name + ": " + g.nodes().size() + " nodes (" + transposes + " transposes), output matches within rtol 1e-3");
    }
}
