package dev.tinyforge.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.testing.SvdfTflmVectors;

/**
 * SVDF with its activation state as a graph variable, run for TFLM's 10-invocation unit test
 * (svdf_test.cc, see {@link SvdfTflmVectors}) on one interpreter: int8 with int16 and with int8 state
 * must stay within one output step of the quantized golden (TFLM's own tolerance for these cases),
 * float within 1e-5. Also: a new interpreter (or resetState) starts again from zero state.
 */
class SvdfStateTest {

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"INT16", "INT8"})
    void int8SvdfFollowsTflmGoldenOverTenInvocations(ElementType stateType) {
        Graph g = SvdfTflmVectors.graph(stateType);
        Verifier.verify(g);
        Interpreter interp = new Interpreter();
        int maxDiff = 0, exact = 0;
        for (int k = 0; k < SvdfTflmVectors.STEPS; k++) {
            Tensor out = interp.run(g, List.of(SvdfTflmVectors.input(g, k))).get(0);
            Tensor want = SvdfTflmVectors.golden(g, k);
            for (int i = 0; i < out.size(); i++) {
                int d = Math.abs(out.getInt(i) - want.getInt(i));
                maxDiff = Math.max(maxDiff, d);
                if (d == 0) exact++;
            }
        }
        System.out.printf("SVDF int8 (%s state) vs TFLM golden: max diff %d, %d/80 exact%n", stateType, maxDiff, exact);
        assertTrue(maxDiff <= 1, "TFLM's tolerance for this case is one step; max diff " + maxDiff);
    }

    @Test
    void floatSvdfFollowsTflmGoldenOverTenInvocations() {
        Graph g = SvdfTflmVectors.graph(ElementType.FLOAT32);
        Interpreter interp = new Interpreter();
        for (int k = 0; k < SvdfTflmVectors.STEPS; k++) {
            float[] out = interp.run(g, List.of(SvdfTflmVectors.input(g, k))).get(0).float32();
            float[] want = SvdfTflmVectors.golden(g, k).float32();
            for (int i = 0; i < out.length; i++) assertEquals(want[i], out[i], 1e-5f, "step " + k + " element " + i);
        }
    }

    @Test
    void stateBelongsToTheInterpreterInstance() {
        Graph g = SvdfTflmVectors.graph(ElementType.INT16);
        Tensor x0 = SvdfTflmVectors.input(g, 0), x1 = SvdfTflmVectors.input(g, 1);
        Interpreter a = new Interpreter();
        byte[] first = a.run(g, List.of(x0)).get(0).toBytes();
        byte[] second = a.run(g, List.of(x0)).get(0).toBytes();
        // the same input twice: the second call sees the first call's state, so (here) it differs
        assertTrue(!java.util.Arrays.equals(first, second), "state did not carry over");
        assertArrayEquals(first, new Interpreter().run(g, List.of(x0)).get(0).toBytes(), "a new interpreter starts from zero");
        a.resetState();
        assertArrayEquals(first, a.run(g, List.of(x0)).get(0).toBytes(), "resetState starts from zero");
        // the variable's value is inspectable: after one step only the newest column of each row is set
        Tensor st = a.state(g.value("activation_state"));
        for (int i = 0; i < st.size(); i++)
            if (i % SvdfTflmVectors.MEMORY != SvdfTflmVectors.MEMORY - 1) assertEquals(0, st.getInt(i));
        a.run(g, List.of(x1));
    }
}
