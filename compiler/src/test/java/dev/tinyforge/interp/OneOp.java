package dev.tinyforge.interp;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** Builds a one-node graph (first input fed at run time, the others constants) and runs it. */
final class OneOp {
    private OneOp() {}

    static TensorType i8(Quant q, int... shape) { return new TensorType(ElementType.INT8, shape, q); }
    static TensorType f32(int... shape) { return new TensorType(ElementType.FLOAT32, shape); }
    static Quant q(float scale, int zp) { return Quant.perTensor(scale, zp); }

    static Tensor int8(TensorType t, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
        return Tensor.wrap(t, b);
    }

    static Tensor float32(TensorType t, float... values) { return Tensor.wrap(t, values); }

    static Tensor int32(int[] values) {
        return Tensor.wrap(new TensorType(ElementType.INT32, values.length), values);
    }

    static Node node(OpKind kind, Attrs attrs, List<TensorType> outTypes, Tensor input, Tensor... constants) {
        Graph g = new Graph("t");
        List<Value> ins = new ArrayList<>();
        ins.add(g.addInput("x", input.type()));
        for (Tensor c : constants) ins.add(c == null ? null : g.newConstant("c", c));
        List<Value> outs = new ArrayList<>();
        for (TensorType t : outTypes) outs.add(g.newValue("y", t));
        return g.addNode("n", kind, attrs, ins, outs);
    }

    /** Runs the op and returns all its outputs. */
    static List<Tensor> runAll(OpKind kind, Attrs attrs, List<TensorType> outTypes, Tensor input, Tensor... constants) {
        Node n = node(kind, attrs, outTypes, input, constants);
        Tensor[] ins = new Tensor[n.inputs().size()];
        ins[0] = input;
        for (int i = 1; i < ins.length; i++) ins[i] = n.input(i) == null ? null : n.input(i).constant();
        return List.of(Evaluators.forKind(kind).evaluate(n, ins));
    }

    static Tensor run(OpKind kind, Attrs attrs, TensorType outType, Tensor input, Tensor... constants) {
        return runAll(kind, attrs, List.of(outType), input, constants).get(0);
    }

    static int[] ints(Tensor t) { return t.toIntArray(); }
}
