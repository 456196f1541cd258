package dev.tinyforge.frontend.onnx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Builds an IR graph from an ONNX model. Every ONNX value may exist in two forms: its ONNX layout and,
 * for 4-D tensors, NHWC. Layout-bound ops (conv, pooling, ...) produce NHWC and layout-agnostic ops keep
 * working in NHWC when their inputs have it, so a CNN stays NHWC from its first conv to its last and only
 * the graph boundary is transposed: the graph's inputs and outputs keep the ONNX layout.
 */
public final class OnnxImporter {
    static final int[] TO_NHWC = {0, 2, 3, 1}, TO_NCHW = {0, 3, 1, 2};

    private final Graph g;
    private final Map<String, Value> plain = new HashMap<>();
    private final Map<String, Value> nhwc = new HashMap<>();
    private final Map<String, TensorType> onnxTypes = new HashMap<>();

    private final Map<String, OnnxProto.ValueInfo> declared = new HashMap<>();

    private OnnxImporter(String name) { this.g = new Graph(name); }

    /** The static type declared for a value (graph outputs, value_info), or null when absent or symbolic. */
    TensorType declared(String name) {
        OnnxProto.ValueInfo vi = declared.get(name);
        if (vi == null || !vi.hasShape() || vi.elemType() == 0) return null;
        for (long d : vi.dims()) if (d < 0) return null;
        return new TensorType(OnnxTensors.elementType(vi.elemType(), name), OnnxTensors.shape(vi.dims(), name));
    }

    public static Graph importModel(OnnxProto.Model model) {
        return importModel(model, Map.of());
    }

    /**
     * As {@link #importModel(OnnxProto.Model)}, with some graph inputs bound to constant values (for
     * models that take shapes, axes or pads as inputs: a static compiler needs them at compile time).
     */
    public static Graph importModel(OnnxProto.Model model, Map<String, Tensor> bindings) {
        OnnxProto.Graph og = model.graph();
        OnnxImporter imp = new OnnxImporter(og.name().isEmpty() ? "onnx" : og.name());
        Graph g = imp.g;
        long opset = model.defaultOpset();
        for (OnnxProto.ValueInfo vi : og.valueInfos()) imp.declared.put(vi.name(), vi);
        for (OnnxProto.ValueInfo vi : og.outputs()) imp.declared.put(vi.name(), vi);
        Set<String> initNames = new HashSet<>();
        for (OnnxProto.TensorData t : og.initializers()) {
            initNames.add(t.name());
            imp.define(t.name(), g.newConstant(t.name(), OnnxTensors.toTensor(t)), false);
        }
        for (OnnxProto.ValueInfo vi : og.inputs()) {
            if (initNames.contains(vi.name())) continue;
            if (bindings.containsKey(vi.name())) {
                imp.define(vi.name(), g.newConstant(vi.name(), bindings.get(vi.name())), false);
                continue;
            }
            imp.define(vi.name(), g.addInput(vi.name(), inputType(vi)), false);
        }
        for (OnnxProto.Node n : og.nodes()) {
            OnnxOp op = OnnxOps.lookup(n, opset);
            NodeContext c = new NodeContext(imp, g, n, opset);
            op.translate(c);
            for (int i = 0; i < n.outputs().size(); i++) {
                String o = n.outputs().get(i);
                if (!o.isEmpty() && !imp.onnxTypes.containsKey(o))
                    throw new CompileException(c.where() + ": output '" + o + "' was not produced (unsupported form)");
            }
        }
        for (OnnxProto.ValueInfo vi : og.outputs()) {
            if (!imp.onnxTypes.containsKey(vi.name()))
                throw new CompileException("graph output '" + vi.name() + "' is never computed");
            Value v = imp.plain(vi.name());
            if (g.inputs().contains(v) || g.outputs().contains(v) || v.isConstant()) {
                // a graph output must be a distinct value: copy through a reshape
                v = g.addNode(g.uniqueName(vi.name() + "_copy"), OpKind.RESHAPE, Attrs.None.INSTANCE, java.util.List.of(v),
                        java.util.List.of(g.newValue(vi.name() + "_out", v.type()))).output();
            }
            g.addOutput(v);
        }
        return g;
    }

    private static TensorType inputType(OnnxProto.ValueInfo vi) {
        String what = "graph input '" + vi.name() + "'";
        if (vi.elemType() == 0) throw new UnsupportedOnnxException(what + " is not a tensor");
        if (!vi.hasShape()) throw new UnsupportedOnnxException(what + " has no shape; tinyforge needs static shapes");
        int[] s = new int[vi.dims().length];
        for (int i = 0; i < s.length; i++) {
            long d = vi.dims()[i];
            if (d >= 0) s[i] = (int) d;
            else if (i == 0) s[i] = 1; // symbolic batch ("N") becomes 1
            else throw new UnsupportedOnnxException(what + " has a symbolic dimension '" + vi.dimParams()[i] + "' at axis " + i
                    + "; only the batch axis may be symbolic");
        }
        return new TensorType(OnnxTensors.elementType(vi.elemType(), what), s);
    }

    // ---- value forms ---------------------------------------------------------------------------------

    void define(String name, Value v, boolean isNhwc) {
        if (isNhwc) {
            nhwc.put(name, v);
            int[] s = v.type().shape();
            onnxTypes.put(name, v.type().withShape(s[0], s[3], s[1], s[2]));
        } else {
            plain.put(name, v);
            onnxTypes.put(name, v.type());
        }
    }

    TensorType onnxType(String name) {
        TensorType t = onnxTypes.get(name);
        if (t == null) throw new CompileException("ONNX value '" + name + "' is used before it is defined");
        return t;
    }

    boolean hasNhwc(String name) { return nhwc.containsKey(name); }

    Value plain(String name) {
        Value v = plain.get(name);
        if (v != null) return v;
        Value n = nhwc.get(name);
        if (n == null) throw new CompileException("ONNX value '" + name + "' is used before it is defined");
        v = transposeValue(n, TO_NCHW, name + "_nchw");
        plain.put(name, v);
        return v;
    }

    /** The ONNX-layout value if it exists or is a constant after transposing; null otherwise (no node added). */
    Value plainIfCheap(String name) {
        Value v = plain.get(name);
        if (v != null) return v;
        Value n = nhwc.get(name);
        return n != null && n.isConstant() ? plain(name) : null;
    }

    Value nhwc(String name) {
        Value v = nhwc.get(name);
        if (v != null) return v;
        Value p = plain(name);
        if (p.type().rank() != 4) throw new CompileException("ONNX value '" + name + "' is not 4-D");
        v = transposeValue(p, TO_NHWC, name + "_nhwc");
        nhwc.put(name, v);
        return v;
    }

    private Value transposeValue(Value x, int[] perm, String name) {
        int[] s = x.type().shape(), o = new int[4];
        for (int i = 0; i < 4; i++) o[i] = s[perm[i]];
        TensorType t = x.type().withShape(o);
        if (x.isConstant()) {
            Tensor out = new dev.tinyforge.interp.ops.TransposeEval().evaluate(
                    tempTranspose(x, perm, t), new Tensor[] {x.constant()})[0];
            return g.newConstant(name, out);
        }
        Value out = g.newValue(name, t);
        g.addNode(g.uniqueName(name), OpKind.TRANSPOSE, new Attrs.Transpose(perm), java.util.List.of(x), java.util.List.of(out));
        return out;
    }

    private dev.tinyforge.ir.Node tempTranspose(Value x, int[] perm, TensorType t) {
        Graph tmp = new Graph("tmp");
        Value in = tmp.addInput("x", x.type());
        return tmp.addNode("t", OpKind.TRANSPOSE, new Attrs.Transpose(perm), java.util.List.of(in),
                java.util.List.of(tmp.newValue("y", t)));
    }
}
