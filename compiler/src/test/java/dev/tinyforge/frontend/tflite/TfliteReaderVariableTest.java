package dev.tinyforge.frontend.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.text.IrParser;
import dev.tinyforge.ir.text.IrPrinter;
import dev.tinyforge.testing.RawTflite;

/** An SVDF file whose activation state is a TFLite variable tensor reads into an IR variable that persists across runs. */
class TfliteReaderVariableTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void svdfStateBecomesAVariable(boolean stateListedAsSubgraphInput) {
        // weights_feature [[1, 2], [3, 4]]; weights_time [[1, 1, 1], [0, 1, 0]] (rank 1: one filter per unit)
        byte[] file = RawTflite.svdfFloat(new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, 0, 1, 0}, 2, 2, 3, stateListedAsSubgraphInput);
        Graph g = TfliteReader.read(file, "svdf.tflite");
        assertEquals(1, g.inputs().size(), "the state is not an input the caller feeds");
        Node svdf = g.nodes().get(0);
        assertEquals(OpKind.SVDF, svdf.kind());
        assertTrue(svdf.input(4).isVariable());
        assertEquals(null, svdf.input(3), "absent bias");
        assertEquals(List.of(svdf.input(4)), g.variables());
        // the textual IR keeps it a variable
        assertTrue(IrParser.parse(IrPrinter.print(g)).value(svdf.input(4).name()).isVariable());

        TensorType inType = g.inputs().get(0).type();
        Interpreter interp = new Interpreter();
        // step 1, x = [1, 1]: features [3, 7] enter the newest column; outputs 1+1+1 . [0,0,3] = 3 and [0,1,0] . [0,0,7] = 0
        assertArrayEquals(new float[] {3, 0}, interp.run(g, List.of(Tensor.wrap(inType, new float[] {1, 1}))).get(0).float32());
        // step 2, x = [1, 0]: features [1, 3]; state rows [0,3,1] and [0,7,3]: outputs 4 and 7
        assertArrayEquals(new float[] {4, 7}, interp.run(g, List.of(Tensor.wrap(inType, new float[] {1, 0}))).get(0).float32());
    }
}
