package dev.tinyforge.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;

/**
 * Runs a graph node by node with TFLM's reference-kernel arithmetic: the oracle the generated C is
 * compared against. Int8 paths are bit-exact with TFLM; float paths follow TFLM's operation order.
 *
 * <p>Variables (persistent state such as SVDF's activation state) belong to the interpreter instance:
 * they start at zero, the ops update them in place, and the next {@link #run} on the same instance
 * sees the update, as successive Invoke() calls on one TFLM interpreter do. A new instance (or
 * {@link #resetState}) starts from zero again, like a freshly allocated TFLM arena.
 */
public final class Interpreter {
    private final Map<Value, Tensor> state = new IdentityHashMap<>();

    /** Forgets every variable's value: the next run starts from the initial (zero) state. */
    public void resetState() { state.clear(); }

    /** The current value of a variable (its initial value before the first run that uses it). */
    public Tensor state(Value variable) {
        return state.computeIfAbsent(variable, Value::initialState);
    }

    /** Runs {@code g} on {@code inputs} (one per graph input, in order) and returns the graph outputs. */
    public List<Tensor> run(Graph g, List<Tensor> inputs) {
        return run(g, inputs, null);
    }

    /** As {@link #run(Graph, List)}, reporting each node's outputs to {@code listener} (may be null). */
    public List<Tensor> run(Graph g, List<Tensor> inputs, NodeListener listener) {
        if (inputs.size() != g.inputs().size())
            throw new CompileException("graph has " + g.inputs().size() + " inputs, got " + inputs.size());
        Map<Value, Tensor> env = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Value v = g.inputs().get(i);
            Tensor t = inputs.get(i);
            if (t.type().elementType() != v.type().elementType() || t.type().elementCount() != v.type().elementCount())
                throw new CompileException("input %" + v.name() + " expects " + v.type() + ", got " + t.type());
            env.put(v, t.type().equals(v.type()) ? t : t.reinterpret(v.type()));
        }
        List<Node> nodes = g.nodes();
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            Tensor[] in = new Tensor[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                Value v = node.input(i);
                in[i] = v != null && v.isVariable() ? state(v) : lookup(env, v, node);
            }
            Tensor[] out = Evaluators.forKind(node.kind()).evaluate(node, in);
            for (int i = 0; i < out.length; i++) env.put(node.output(i), out[i]);
            if (listener != null) listener.onNode(n, node, Arrays.asList(out));
        }
        List<Tensor> result = new ArrayList<>();
        for (Value v : g.outputs()) result.add(lookup(env, v, null));
        return result;
    }

    private static Tensor lookup(Map<Value, Tensor> env, Value v, Node user) {
        if (v == null) return null;
        if (v.isConstant()) return v.constant();
        Tensor t = env.get(v);
        if (t == null) throw new CompileException("%" + v.name() + " is used" + (user == null ? "" : " by " + user) + " before it is computed");
        return t;
    }
}
