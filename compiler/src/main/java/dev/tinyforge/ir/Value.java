package dev.tinyforge.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An SSA value: a graph input, a constant (with data) or the output of exactly one node.
 * Names are unique within a graph and are what the textual IR and the generated C print.
 */
public final class Value {
    private String name;
    private TensorType type;
    private Tensor constant;
    private Node producer;
    private final List<Node> users = new ArrayList<>();

    public Value(String name, TensorType type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static Value constant(String name, Tensor data) {
        Value v = new Value(name, data.type());
        v.constant = data;
        return v;
    }

    public String name() { return name; }
    public void setName(String name) { this.name = Objects.requireNonNull(name); }
    public TensorType type() { return type; }

    public void setType(TensorType type) {
        this.type = Objects.requireNonNull(type);
        if (constant != null && !constant.type().equals(type)) constant = constant.reinterpret(type);
    }

    public boolean isConstant() { return constant != null; }
    public Tensor constant() { return constant; }

    public void setConstant(Tensor data) {
        this.constant = data;
        if (data != null) this.type = data.type();
    }

    public Node producer() { return producer; }
    void setProducer(Node n) { this.producer = n; }
    public List<Node> users() { return Collections.unmodifiableList(users); }
    void addUser(Node n) { users.add(n); }
    void removeUser(Node n) { users.remove(n); }

    @Override public String toString() { return "%" + name + " : " + type; }
}
