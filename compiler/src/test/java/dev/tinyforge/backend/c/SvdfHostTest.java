package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.SvdfTflmVectors;

/**
 * Generated C for SVDF keeps its state in a static buffer across model_invoke() calls: TFLM's 10-step
 * unit test ({@link SvdfTflmVectors}) run as 10 records through one host_main process must equal the
 * interpreter (one instance, 10 runs) byte for byte, and stay within TFLM's tolerance of its golden.
 */
class SvdfHostTest {

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"INT16", "INT8", "FLOAT32"})
    void stateCarriesOverInvocationsAsInTheInterpreter(ElementType stateType) throws Exception {
        Graph g = SvdfTflmVectors.graph(stateType);
        HostBuilds.Built built = HostBuilds.buildUnoptimized(g, "svdf-" + stateType.shortName());
        String header = built.compiled().code().files().get("model.h");
        assertTrue(header.contains("void model_reset(void);"), header);
        String modelC = built.compiled().code().files().get("model.c");
        assertTrue(modelC.contains("static " + (stateType == ElementType.FLOAT32 ? "float" : stateType == ElementType.INT8 ? "int8_t" : "int16_t")
                + " tf_state_activation_state["), modelC);

        Interpreter interp = new Interpreter();
        ByteArrayOutputStream in = new ByteArrayOutputStream(), want = new ByteArrayOutputStream();
        for (Tensor x : SvdfTflmVectors.inputs(g)) {
            in.write(x.toBytes());
            want.write(interp.run(g, List.of(x)).get(0).toBytes());
        }
        byte[] got = built.run(in.toByteArray());
        assertEquals(-1, Arrays.mismatch(want.toByteArray(), got), "C differs from the interpreter at byte "
                + Arrays.mismatch(want.toByteArray(), got));

        // and against TFLM's golden (tolerance as in svdf_test.cc)
        int outBytes = (int) g.outputs().get(0).type().byteSize();
        for (int k = 0; k < SvdfTflmVectors.STEPS; k++) {
            Tensor out = Tensor.fromBytes(g.outputs().get(0).type(), Arrays.copyOfRange(got, k * outBytes, (k + 1) * outBytes));
            Tensor gold = SvdfTflmVectors.golden(g, k);
            for (int i = 0; i < out.size(); i++)
                assertEquals(gold.getDouble(i), out.getDouble(i), stateType == ElementType.FLOAT32 ? 1e-5 : 1.0, "step " + k + " element " + i);
        }

        // one record per process: every run starts from zero state, as a fresh TFLM interpreter does
        byte[] first = Arrays.copyOfRange(got, 0, outBytes);
        assertArrayEquals(first, built.run(SvdfTflmVectors.input(g, 0).toBytes()));
    }
}
