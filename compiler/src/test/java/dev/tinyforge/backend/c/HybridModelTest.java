package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.OutputComparison;
import dev.tinyforge.testing.Shared;

/**
 * A dynamic-range ("hybrid") model, float activations with int8 weights (kws_ref_model_float32, which TFLM
 * itself cannot run, so there is no golden): it compiles with dequantized weights and the C equals the
 * interpreter. Its top class is printed beside MLCommons' int8 KWS model's for information only: the
 * golden inputs are random bytes, not speech, so the two differently converted models need not agree.
 */
class HybridModelTest {
    @Test
    void hybridKwsCompilesAndCEqualsTheInterpreter() {
        Graph g = Compiler.load(Shared.require("models/mlperf-tiny/kws_ref_model_float32.tflite"));
        for (Node n : g.nodes())
            if (n.kind() == dev.tinyforge.ir.OpKind.CONV_2D) assertEquals(ElementType.FLOAT32, n.input(1).type().elementType());
        Graph reference = Compiler.load(Shared.require("models/mlperf-tiny/kws_ref_model_float32.tflite"));
        HostBuilds.Built built = HostBuilds.build(g, "kws-hybrid");
        GoldenModel int8 = GoldenModel.named("kws_ref_model");
        Quant inQ = Compiler.load(int8.modelFile()).inputs().get(0).type().quant();
        int agree = 0;
        for (int k : int8.inputIndices()) {
            byte[] q = int8.input(k);
            Tensor x = Tensor.zeros(reference.inputs().get(0).type());
            for (int i = 0; i < q.length; i++) x.float32()[i] = inQ.scale() * (q[i] - inQ.zeroPoint());
            byte[] c = built.run(x.toBytes());
            Tensor expected = new Interpreter().run(reference, List.of(x)).get(0);
            assertEquals(null, OutputComparison.compare(expected.toBytes(), c, true), "C vs interpreter, input " + k);
            int floatTop = argmax(c, true), int8Top = argmax(int8.output(k), false);
            if (floatTop == int8Top) agree++;
        }
        System.out.println("hybrid kws_ref_model_float32: C == interpreter on " + int8.inputIndices().size()
                + " inputs; top class same as the int8 model on " + agree + " (random inputs: informational)");
    }

    private static int argmax(byte[] raw, boolean isFloat) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = isFloat ? raw.length / 4 : raw.length, best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = isFloat ? b.getFloat(4 * i) : raw[i];
            if (v > bestV) { bestV = v; best = i; }
        }
        return best;
    }

}
