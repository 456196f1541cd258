package dev.tinyforge.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model: graph inputs, nodes in execution order, graph outputs. Constants are values with data that
 * nodes use directly. Value names are unique; {@link #uniqueName} makes new ones.
 */
public final class Graph {
    private String name;
    private final List<Value> inputs = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Value> valuesByName = new LinkedHashMap<>();

    public Graph(String name) { this.name = name; }

    public String name() { return name; }
    public void setName(String name) { this.name = name; }
    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }

    /** Nodes in execution order. */
    public List<Node> nodes() { return Collections.unmodifiableList(nodes); }

    /** Creates a value (not yet produced or used) with a unique name derived from {@code name}. */
    public Value newValue(String name, TensorType type) {
        Value v = new Value(uniqueName(name), type);
        valuesByName.put(v.name(), v);
        return v;
    }

    public Value newConstant(String name, Tensor data) {
        Value v = Value.constant(uniqueName(name), data);
        valuesByName.put(v.name(), v);
        return v;
    }

    /** Creates a variable: persistent state, zero at start, updated in place by the ops using it as state. */
    public Value newVariable(String name, TensorType type) {
        Value v = Value.variable(uniqueName(name), type);
        valuesByName.put(v.name(), v);
        return v;
    }

    public Value addInput(String name, TensorType type) {
        Value v = newValue(name, type);
        inputs.add(v);
        return v;
    }

    public void addOutput(Value v) { outputs.add(v); }

    public void setOutput(int i, Value v) { outputs.set(i, v); }

    /** Appends a node at the end of the execution order. */
    public Node addNode(String nodeName, OpKind kind, Attrs attrs, List<Value> ins, List<Value> outs) {
        return insertNode(nodes.size(), nodeName, kind, attrs, ins, outs);
    }

    public Node insertNode(int position, String nodeName, OpKind kind, Attrs attrs, List<Value> ins, List<Value> outs) {
        Node n = new Node(nodeName, kind, attrs, ins, outs);
        for (Value v : ins) if (v != null) v.addUser(n);
        for (Value v : outs) {
            if (v.producer() != null) throw new IllegalArgumentException("value %" + v.name() + " already has a producer");
            v.setProducer(n);
        }
        nodes.add(position, n);
        return n;
    }

    /** Removes a node; its outputs must be unused by then. */
    public void removeNode(Node n) {
        for (Value out : n.outputs()) {
            if (!out.users().isEmpty() || outputs.contains(out))
                throw new IllegalStateException("removing " + n + " whose output %" + out.name() + " is still used");
            out.setProducer(null);
            valuesByName.remove(out.name());
        }
        for (Value in : n.inputs()) if (in != null) in.removeUser(n);
        nodes.remove(n);
    }

    /** Makes every user of {@code from} (and the graph outputs) use {@code to} instead. */
    public void replaceAllUses(Value from, Value to) {
        for (Node user : new ArrayList<>(from.users()))
            for (int i = 0; i < user.inputs().size(); i++)
                if (user.input(i) == from) user.replaceInput(i, to);
        for (int i = 0; i < outputs.size(); i++) if (outputs.get(i) == from) outputs.set(i, to);
    }

    public void setNodeInput(Node n, int i, Value v) { n.replaceInput(i, v); }

    public Value value(String name) { return valuesByName.get(name); }

    /** Every value that is still referenced: inputs, constants in use, node outputs. */
    public List<Value> values() {
        Set<Value> s = new LinkedHashSet<>(inputs);
        for (Node n : nodes) {
            for (Value v : n.inputs()) if (v != null) s.add(v);
            s.addAll(n.outputs());
        }
        s.addAll(outputs);
        return new ArrayList<>(s);
    }

    /** The constants nodes use, in first-use order. */
    public List<Value> constants() {
        return values().stream().filter(Value::isConstant).toList();
    }

    /** The variables nodes use, in first-use order. */
    public List<Value> variables() {
        return values().stream().filter(Value::isVariable).toList();
    }

    public String uniqueName(String base) {
        String b = (base == null || base.isEmpty()) ? "v" : base;
        if (!valuesByName.containsKey(b)) return b;
        for (int i = 1; ; i++) if (!valuesByName.containsKey(b + "_" + i)) return b + "_" + i;
    }

    /** Re-registers a value under its current name after a rename. */
    public void renameValue(Value v, String newName) {
        valuesByName.remove(v.name());
        v.setName(uniqueName(newName));
        valuesByName.put(v.name(), v);
    }

    /** Replaces the execution order with a permutation of the same nodes. */
    public void reorder(List<Node> order) {
        if (order.size() != nodes.size() || !new LinkedHashSet<>(order).equals(new LinkedHashSet<>(nodes)))
            throw new IllegalArgumentException("reorder must be a permutation of the graph's nodes");
        nodes.clear();
        nodes.addAll(order);
    }
}
