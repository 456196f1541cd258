package dev.tinyforge.ir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.text.IrParser;

/** Variables (persistent state) may only be state operands, and state operands must be variables. */
class VariableVerifierTest {
    static TensorType f32(int... s) { return new TensorType(ElementType.FLOAT32, s); }

    static Graph svdf(boolean stateIsVariable) {
        Graph g = new Graph("g");
        Value x = g.addInput("x", f32(1, 2));
        Value wf = g.newConstant("wf", Tensor.zeros(f32(1, 2)));
        Value wt = g.newConstant("wt", Tensor.zeros(f32(1, 3)));
        Value st = stateIsVariable ? g.newVariable("st", f32(1, 3)) : g.newConstant("st", Tensor.zeros(f32(1, 3)));
        Value y = g.newValue("y", f32(1, 1));
        g.addNode("svdf", OpKind.SVDF, new Attrs.Svdf(1, Activation.NONE), Arrays.asList(x, wf, wt, null, st), List.of(y));
        g.addOutput(y);
        return g;
    }

    @Test void svdfWithAVariableStateVerifies() {
        Verifier.verify(svdf(true));
    }

    @Test void aConstantStateIsRejected() {
        IrException e = assertThrows(IrException.class, () -> Verifier.verify(svdf(false)));
        assertTrue(e.getMessage().contains("must be a variable"), e.getMessage());
    }

    @Test void aVariableAsOrdinaryOperandIsRejected() {
        Graph g = new Graph("g");
        Value v = g.newVariable("v", f32(2));
        Value y = g.newValue("y", f32(2));
        g.addNode("relu", OpKind.RELU, Attrs.None.INSTANCE, List.of(v), List.of(y));
        g.addOutput(y);
        IrException e = assertThrows(IrException.class, () -> Verifier.verify(g));
        assertTrue(e.getMessage().contains("not a state operand"), e.getMessage());
    }

    @Test void parserReportsMisusedVariablesAsCompileErrors() {
        String text = "graph @g(%x: tensor<2xf32>) -> (%y) {\n  %v = var tensor<2xf32>\n  %y = add \"a\" (%x, %v) {activation = NONE} : tensor<2xf32>\n}\n";
        CompileException e = assertThrows(CompileException.class, () -> IrParser.parse(text));
        assertTrue(e.getMessage().contains("invalid graph") && e.getMessage().contains("%v"), e.getMessage());
    }
}
