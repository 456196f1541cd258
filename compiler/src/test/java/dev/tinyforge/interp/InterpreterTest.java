package dev.tinyforge.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** The interpreter's plumbing: node order, listener, inputs. */
class InterpreterTest {

    @Test void everyOpKindHasAnEvaluator() {
        assertTrue(Evaluators.coversAllKinds());
    }

    @Test void runsNodesInOrderAndReportsEachOne() {
        Graph g = new Graph("chain");
        TensorType t = OneOp.f32(1, 3);
        Value x = g.addInput("x", t);
        Value y = g.newValue("y", t), z = g.newValue("z", t);
        g.addNode("relu", OpKind.RELU, Attrs.None.INSTANCE, List.of(x), List.of(y));
        g.addNode("add", OpKind.ADD, new Attrs.Binary(Activation.NONE), List.of(y, y), List.of(z));
        g.addOutput(z);
        List<String> seen = new ArrayList<>();
        List<Tensor> out = new Interpreter().run(g, List.of(OneOp.float32(t, -1f, 2f, 3.5f)),
                (i, node, outs) -> seen.add(i + ":" + node.name() + "=" + outs.get(0).float32()[1]));
        assertArrayEquals(new float[] {0f, 4f, 7f}, out.get(0).float32());
        assertEquals(List.of("0:relu=2.0", "1:add=4.0"), seen);
    }

    @Test void rejectsWrongInputs() {
        Graph g = new Graph("g");
        Value x = g.addInput("x", OneOp.f32(2));
        Value y = g.newValue("y", OneOp.f32(2));
        g.addNode("r", OpKind.RELU, Attrs.None.INSTANCE, List.of(x), List.of(y));
        g.addOutput(y);
        assertThrows(CompileException.class, () -> new Interpreter().run(g, List.of()));
        assertThrows(CompileException.class, () -> new Interpreter().run(g, List.of(OneOp.float32(OneOp.f32(3), 1, 2, 3))));
    }
}
