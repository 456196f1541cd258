package dev.tinyforge.frontend.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tinyforge.CompileException;
import dev.tinyforge.interp.Evaluators;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * What a translator sees of one ONNX node: its inputs (in ONNX layout, or in NHWC for 4-D tensors that
 * already have an NHWC form), its attributes, and an {@link #emit} that appends IR nodes and folds them
 * into constants when every input is constant (so shape subgraphs and initializer arithmetic vanish).
 */
final class NodeContext {
    final OnnxProto.Node node;
    final long opset;
    private final OnnxImporter importer;
    private final Graph g;

    NodeContext(OnnxImporter importer, Graph g, OnnxProto.Node node, long opset) {
        this.importer = importer;
        this.g = g;
        this.node = node;
        this.opset = opset;
    }

    Graph graph() { return g; }

    // ---- inputs -------------------------------------------------------------------------------------

    int inputCount() { return node.inputs().size(); }

    boolean has(int i) { return i < node.inputs().size() && !node.inputs().get(i).isEmpty(); }

    /** Input i in ONNX layout (an NCHW transpose is inserted once if only the NHWC form exists). */
    Value in(int i) {
        if (!has(i)) throw new CompileException(where() + ": input " + i + " is required");
        return importer.plain(node.inputs().get(i));
    }

    /** Input i of rank 4 in NHWC (a transpose is inserted once if only the ONNX form exists). */
    Value inNhwc(int i) { return importer.nhwc(node.inputs().get(i)); }

    /** True when input i already exists in NHWC form (so an op can stay in NHWC). */
    boolean isNhwc(int i) { return has(i) && importer.hasNhwc(node.inputs().get(i)); }

    /** The ONNX-layout shape of input i. */
    int[] shape(int i) { return importer.onnxType(node.inputs().get(i)).shape(); }

    ElementType elementType(int i) { return importer.onnxType(node.inputs().get(i)).elementType(); }

    TensorType type(int i) { return importer.onnxType(node.inputs().get(i)); }

    /**
     * The constant value of input i, or null when it is computed at run time. A DEQUANTIZE of a constant
     * (kept as a node for the QDQ lowering) counts as constant: its value is computed here.
     */
    Tensor constant(int i) {
        if (!has(i)) return null;
        Value v = importer.plainIfCheap(node.inputs().get(i));
        if (v == null) return null;
        if (v.isConstant()) return v.constant();
        Node p = v.producer();
        if (p != null && p.kind() == OpKind.DEQUANTIZE && p.input(0).isConstant())
            return Evaluators.forKind(OpKind.DEQUANTIZE).evaluate(p, new Tensor[] {p.input(0).constant()})[0];
        return null;
    }

    Tensor requireConstant(int i, String what) {
        Tensor t = constant(i);
        if (t == null) throw new UnsupportedOnnxException(where() + ": " + what + " must be a constant (static shapes only)");
        return t;
    }

    /** The type the model declares for output i (graph output or value_info), or null. */
    TensorType declaredType(int i) { return hasOutput(i) ? importer.declared(node.outputs().get(i)) : null; }

    // ---- outputs ------------------------------------------------------------------------------------

    int outputCount() { return node.outputs().size(); }

    boolean hasOutput(int i) { return i < node.outputs().size() && !node.outputs().get(i).isEmpty(); }

    void out(int i, Value v) { if (hasOutput(i)) importer.define(node.outputs().get(i), v, false); }

    void out(Value v) { out(0, v); }

    /** Defines output i by its NHWC form (the ONNX form is the transpose NHWC to NCHW, made on demand). */
    void outNhwc(int i, Value v) { if (hasOutput(i)) importer.define(node.outputs().get(i), v, true); }

    void outNhwc(Value v) { outNhwc(0, v); }

    // ---- building -----------------------------------------------------------------------------------

    /** Appends a node with one output of {@code type}; folded into a constant when all inputs are constant. */
    Value emit(OpKind kind, Attrs attrs, TensorType type, Value... ins) {
        return emitMulti(kind, attrs, List.of(type), ins)[0];
    }

    /** As {@link #emit}, but never folded (a DEQUANTIZE of constant weights stays a node). */
    Value emitKept(OpKind kind, Attrs attrs, TensorType type, Value... ins) {
        return emitMulti(kind, attrs, List.of(type), false, ins)[0];
    }

    Value[] emitMulti(OpKind kind, Attrs attrs, List<TensorType> types, Value... ins) {
        return emitMulti(kind, attrs, types, true, ins);
    }

    private Value[] emitMulti(OpKind kind, Attrs attrs, List<TensorType> types, boolean fold, Value... ins) {
        List<Value> outs = new ArrayList<>();
        String base = node.name().isEmpty() ? node.opType().toLowerCase() : node.name();
        for (int i = 0; i < types.size(); i++)
            outs.add(g.newValue(hasOutput(i) && types.size() == outputCount() ? node.outputs().get(i) : base, types.get(i)));
        Node n = g.addNode(g.uniqueName(base), kind, attrs, Arrays.asList(ins), outs);
        boolean allConstant = true;
        for (Value v : ins) if (v != null && !v.isConstant()) allConstant = false;
        if (!allConstant || !fold) return outs.toArray(Value[]::new);
        Tensor[] args = new Tensor[ins.length];
        for (int i = 0; i < ins.length; i++) args[i] = ins[i] == null ? null : ins[i].constant();
        Tensor[] results = Evaluators.forKind(kind).evaluate(n, args);
        g.removeNode(n);
        Value[] folded = new Value[results.length];
        for (int i = 0; i < results.length; i++) folded[i] = g.newConstant(outs.get(i).name(), results[i]);
        return folded;
    }

    Value constant(Tensor t) { return g.newConstant(node.name().isEmpty() ? "c" : node.name() + "_c", t); }

    Value scalar(float v) { return constant(Tensor.wrap(new TensorType(ElementType.FLOAT32), new float[] {v})); }

    Value floats(float[] v, int... shape) { return constant(Tensor.wrap(new TensorType(ElementType.FLOAT32, shape), v)); }

    Value reshape(Value x, int... shape) {
        if (Arrays.equals(x.type().shape(), shape)) return x;
        return emit(OpKind.RESHAPE, Attrs.None.INSTANCE, x.type().withShape(shape), x);
    }

    Value transpose(Value x, int... perm) {
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) identity &= perm[i] == i;
        if (identity) return x;
        int[] s = x.type().shape(), o = new int[perm.length];
        for (int i = 0; i < perm.length; i++) o[i] = s[perm[i]];
        return emit(OpKind.TRANSPOSE, new Attrs.Transpose(perm), x.type().withShape(o), x);
    }

    // ---- attributes ---------------------------------------------------------------------------------

    OnnxProto.Attribute attr(String name) { return node.attributes().get(name); }

    boolean hasAttr(String name) { return node.attributes().containsKey(name); }

    long attrInt(String name, long def) {
        OnnxProto.Attribute a = attr(name);
        return a == null ? def : a.i();
    }

    float attrFloat(String name, float def) {
        OnnxProto.Attribute a = attr(name);
        return a == null ? def : a.f();
    }

    String attrString(String name, String def) {
        OnnxProto.Attribute a = attr(name);
        return a == null || a.s() == null ? def : new String(a.s(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An ints attribute, or {@code def} (may be null) when absent. */
    int[] attrInts(String name, int[] def) {
        OnnxProto.Attribute a = attr(name);
        if (a == null) return def;
        int[] r = new int[a.ints().length];
        for (int i = 0; i < r.length; i++) r[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, a.ints()[i]));
        return r;
    }

    float[] attrFloats(String name, float[] def) {
        OnnxProto.Attribute a = attr(name);
        return a == null ? def : a.floats();
    }

    // ---- errors -------------------------------------------------------------------------------------

    String where() {
        return "ONNX " + node.opType() + (node.name().isEmpty() ? "" : " '" + node.name() + "'");
    }

    UnsupportedOnnxException unsupported(String what) {
        return new UnsupportedOnnxException(where() + ": " + what + " is not supported");
    }

    CompileException error(String what) { return new CompileException(where() + ": " + what); }

    static int normalizeAxis(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }
}
