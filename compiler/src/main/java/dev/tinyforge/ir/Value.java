package dev.tinyforge.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An SSA value: a graph input, a constant (with data), a variable (persistent state) or the output of
 * exactly one node. Names are unique within a graph and are what the textual IR and the generated C print.
 *
 * <p>A variable is TFLite's "variable tensor" (SVDF's activation state): it is produced by no node,
 * holds all-zero bytes when the model starts (as in TFLM's freshly zeroed arena), and the ops that use
 * it as a state operand ({@link OpKind#isStateOperand}) update it in place; the update survives into the
 * next invocation.
 */
public final class Value {
    private String name;
    private TensorType type;
    private Tensor constant;
    private boolean variable;
    private boolean streamed;
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

    /** A persistent state buffer (see the class comment). */
    public static Value variable(String name, TensorType type) {
        Value v = new Value(name, type);
        v.variable = true;
        return v;
    }

    public boolean isConstant() { return constant != null; }

    public boolean isVariable() { return variable; }

    /**
     * A streamed value is never held in memory: a graph input the application supplies window by window
     * (model_read_input_row), or a pointwise conversion of one (QUANTIZE). Only STRIDED_SLICE windows and
     * such conversions read it; the planner gives it no buffer and the backend reads it through the callback.
     */
    public boolean isStreamed() { return streamed; }

    public void setStreamed(boolean on) { this.streamed = on; }

    /** The bytes a variable holds before the first invocation (and after a reset): all zero. */
    public Tensor initialState() {
        if (!variable) throw new IllegalStateException("%" + name + " is not a variable");
        return Tensor.zeros(type);
    }
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
