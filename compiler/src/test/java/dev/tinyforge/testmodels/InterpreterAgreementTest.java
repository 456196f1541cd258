package dev.tinyforge.testmodels;

import dev.tinyforge.CompileException;
import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.Shared;
import dev.tinyforge.testmodels.floateval.FloatEvaluator;
import dev.tinyforge.testmodels.floateval.FloatTensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cross-check of two independent implementations, node by node, on the committed models: the int8
 * interpreter (TFLM arithmetic) and the float kernels the generators calibrate with. Each node's float
 * kernel gets the interpreter's own (dequantized) inputs, so errors do not accumulate: outputs must agree
 * to within {@link #MAX_STEPS} quantization steps. A larger gap means one implementation, or a quantization
 * choice of the generators the int8 kernels cannot honour, is wrong.
 */
class InterpreterAgreementTest {

    /** Fixed-point multipliers, lookup tables and float rounding may shift a result by one step (plus float slack). */
    private static final double MAX_STEPS = 1.0001;

    @Test void interpreterAndFloatKernelsAgreeNodeByNode() {
        int checkedNodes = 0;
        for (String name : TestModels.GENERATORS.keySet()) {
            Graph g = TfliteReader.read(Shared.repoRoot().resolve("test-models/" + name + ".tflite"));
            Random rng = new Random(name.hashCode());
            for (int sample = 0; sample < 3; sample++) {
                List<Tensor> inputs = new ArrayList<>();
                for (Value in : g.inputs()) inputs.add(randomInput(in.type(), rng));
                Map<Value, Tensor> env = new HashMap<>();
                for (int i = 0; i < inputs.size(); i++) env.put(g.inputs().get(i), inputs.get(i));
                int[] count = {0};
                try {
                    new Interpreter().run(g, inputs, (index, node, outs) -> {
                        assertNodeAgrees(name, node, env, outs);
                        for (int i = 0; i < outs.size(); i++) env.put(node.output(i), outs.get(i));
                        count[0]++;
                    });
                } catch (CompileException e) {
                    // An op the interpreter lacks: the nodes before it were still checked.
                    if (sample == 0) System.err.println("NOTE: interpreter cross-check of " + name + " stopped: " + e.getMessage());
                }
                checkedNodes += count[0];
            }
        }
        assertTrue(checkedNodes > 3 * 50, "only " + checkedNodes + " node evaluations were cross-checked");
    }

    private static void assertNodeAgrees(String model, Node node, Map<Value, Tensor> env, List<Tensor> outs) {
        List<FloatTensor> realIns = new ArrayList<>();
        for (Value v : node.inputs()) realIns.add(v == null || v.isConstant() ? null : real(env.get(v)));
        List<FloatTensor> expected = FloatEvaluator.evaluateNode(node, realIns);
        for (int o = 0; o < outs.size(); o++) {
            FloatTensor got = real(outs.get(o));
            TensorType t = node.output(o).type();
            double step = t.quant() != null ? t.quant().scale() : 1e-4;
            for (int i = 0; i < got.size(); i++) {
                double steps = Math.abs(got.data()[i] - expected.get(o).data()[i]) / step;
                assertTrue(steps <= MAX_STEPS, model + " " + node + " output " + o + "[" + i + "]: interpreter "
                        + got.data()[i] + ", float kernel " + expected.get(o).data()[i] + " (" + steps + " steps apart)");
            }
        }
    }

    private static FloatTensor real(Tensor t) { return FloatEvaluator.dequantize(t); }

    private static Tensor randomInput(TensorType t, Random rng) {
        Tensor tensor = Tensor.zeros(t);
        for (int i = 0; i < tensor.size(); i++) {
            if (t.elementType() == ElementType.FLOAT32) tensor.float32()[i] = (float) (rng.nextGaussian() * 1.5);
            else tensor.setLong(i, rng.nextInt(256) - 128);
        }
        return tensor;
    }
}
