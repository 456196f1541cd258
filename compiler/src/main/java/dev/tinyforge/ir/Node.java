package dev.tinyforge.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One operation. Inputs may contain null for an absent optional input (a conv without bias) so that
 * positions keep their meaning. A node is linked into the use lists of its values by {@link Graph}.
 */
public final class Node {
    private String name;
    private final OpKind kind;
    private Attrs attrs;
    private final List<Value> inputs;
    private final List<Value> outputs;

    Node(String name, OpKind kind, Attrs attrs, List<Value> inputs, List<Value> outputs) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        setAttrs(attrs);
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
    }

    public String name() { return name; }
    public void setName(String name) { this.name = Objects.requireNonNull(name); }
    public OpKind kind() { return kind; }
    public Attrs attrs() { return attrs; }

    /** The attributes as their record type, e.g. {@code node.attrs(Attrs.Conv2D.class)}. */
    public <A extends Attrs> A attrs(Class<A> cls) { return cls.cast(attrs); }

    public void setAttrs(Attrs attrs) {
        if (!kind.attrsClass().isInstance(attrs))
            throw new IllegalArgumentException(kind + " takes " + kind.attrsClass().getSimpleName()
                    + " attributes, not " + (attrs == null ? "null" : attrs.getClass().getSimpleName()));
        this.attrs = attrs;
    }

    public List<Value> inputs() { return Collections.unmodifiableList(inputs); }
    public List<Value> outputs() { return Collections.unmodifiableList(outputs); }

    /** Input i, or null when the node has fewer inputs or that optional input is absent. */
    public Value input(int i) { return i < inputs.size() ? inputs.get(i) : null; }

    public Value output(int i) { return outputs.get(i); }
    public Value output() { return outputs.get(0); }

    void replaceInput(int i, Value v) {
        Value old = inputs.get(i);
        if (old != null) old.removeUser(this);
        inputs.set(i, v);
        if (v != null) v.addUser(this);
    }

    @Override public String toString() { return kind.irName() + " \"" + name + "\""; }
}
