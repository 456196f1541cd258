package dev.tinyforge.ir.text;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** Hand-built graphs for the textual IR tests. */
public final class IrFixtures {
    private IrFixtures() {}

    static TensorType i8(Quant q, int... shape) { return new TensorType(ElementType.INT8, shape, q); }

    static TensorType f32(int... shape) { return new TensorType(ElementType.FLOAT32, shape); }

    /** A small person-detect-like int8 network: per-channel conv weights, absent bias, reshape, softmax. */
    public static Graph int8Network() {
        Graph g = new Graph("tiny_person");
        Value in = g.addInput("input", i8(Quant.perTensor(0.003921569f, -128), 1, 8, 8, 1));

        float[] wScales = {0.011f, 0.0123f, 0.009f, 0.02f};
        Tensor w0 = Tensor.zeros(i8(new Quant(wScales, new int[4], 0), 4, 3, 3, 1));
        for (int i = 0; i < w0.size(); i++) w0.setLong(i, (i * 37) % 255 - 127);
        Value w = g.newConstant("conv_w", w0);
        float[] bScales = new float[4];
        for (int i = 0; i < 4; i++) bScales[i] = wScales[i] * 0.003921569f;
        Tensor b0 = Tensor.zeros(new TensorType(ElementType.INT32, new int[] {4}, new Quant(bScales, new int[4], 0)));
        for (int i = 0; i < 4; i++) b0.setLong(i, -70000 + 40000 * i);
        Value b = g.newConstant("conv_b", b0);
        Value c = g.newValue("conv", i8(Quant.perTensor(0.0235f, -128), 1, 4, 4, 4));
        g.addNode("MobilenetV1/Conv2d_0/Relu6", OpKind.CONV_2D,
                new Attrs.Conv2D(new int[] {0, 0, 1, 1}, new int[] {2, 2}, new int[] {1, 1}, Activation.RELU6),
                List.of(in, w, b), List.of(c));

        Tensor dw0 = Tensor.zeros(i8(new Quant(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new int[4], 3), 1, 3, 3, 4));
        for (int i = 0; i < dw0.size(); i++) dw0.setLong(i, i - 18);
        Value dw = g.newConstant("dw_w", dw0);
        Value d = g.newValue("dw", i8(Quant.perTensor(0.0235f, -128), 1, 4, 4, 4));
        g.addNode("dw", OpKind.DEPTHWISE_CONV_2D,
                new Attrs.DepthwiseConv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1, Activation.NONE),
                listWithAbsent(c, dw, null), List.of(d));

        Value p = g.newValue("pool", i8(Quant.perTensor(0.0235f, -128), 1, 1, 1, 4));
        g.addNode("pool", OpKind.AVERAGE_POOL_2D,
                new Attrs.Pool2D(new int[] {4, 4}, new int[] {4, 4}, new int[] {0, 0, 0, 0}, Activation.NONE),
                List.of(d), List.of(p));
        Value r = g.newValue("flat", i8(Quant.perTensor(0.0235f, -128), 1, 4));
        g.addNode("flatten", OpKind.RESHAPE, Attrs.None.INSTANCE, List.of(p), List.of(r));

        Tensor fw0 = Tensor.zeros(i8(Quant.perTensor(0.05f, 0), 2, 4));
        for (int i = 0; i < fw0.size(); i++) fw0.setLong(i, 3 * i - 12);
        Value fw = g.newConstant("fc_w", fw0);
        Value f = g.newValue("logits", i8(Quant.perTensor(0.1f, 5), 1, 2));
        g.addNode("fc", OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, false),
                listWithAbsent(r, fw, null), List.of(f));
        Value s = g.newValue("probs", i8(Quant.perTensor(0.00390625f, -128), 1, 2));
        g.addNode("softmax", OpKind.SOFTMAX, new Attrs.Softmax(1.0f), List.of(f), List.of(s));
        g.addOutput(s);
        return g;
    }

    /**
     * One node of every {@link OpKind} with attributes generated from the record components, so a new
     * kind or attribute record is covered without editing this file. SPLIT and UNPACK get two outputs.
     */
    public static Graph everyOpKind() {
        Graph g = new Graph("every_op_kind");
        Value x = g.addInput("x", f32(1, 4, 4, 2));
        Value k = g.newConstant("k", floats(f32(2, 1, 1, 2), 0.5f, -1.25f, 3.0f, 1e-7f));
        Value last = x;
        int variant = 0;
        for (OpKind kind : OpKind.values()) {
            int outs = kind == OpKind.SPLIT || kind == OpKind.UNPACK ? 2 : 1;
            List<Value> outputs = new ArrayList<>();
            for (int i = 0; i < outs; i++) outputs.add(g.newValue(kind.irName() + (i == 0 ? "" : "_" + i), f32(1, 4, 4, 2)));
            List<Value> ins = kind.attrsClass() == Attrs.Binary.class ? List.of(last, k) : List.of(last);
            g.addNode(kind.name(), kind, generatedAttrs(kind.attrsClass(), variant++), ins, outputs);
            last = outputs.get(0);
        }
        g.addOutput(last);
        return g;
    }

    /** Attributes with arbitrary but distinct values for each component type. */
    static Attrs generatedAttrs(Class<? extends Attrs> cls, int variant) {
        if (cls == Attrs.None.class) return Attrs.None.INSTANCE;
        RecordComponent[] comps = cls.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            Class<?> t = types[i] = comps[i].getType();
            int v = variant * 7 + i;
            if (t == int.class) args[i] = v;
            else if (t == float.class) args[i] = 0.1f * v + 0.0001f;
            else if (t == double.class) args[i] = -1.0 / (v + 3);
            else if (t == boolean.class) args[i] = v % 2 == 0;
            else if (t == int[].class) args[i] = new int[] {v, 0, -1, v + 2};
            else if (t == float[].class) args[i] = new float[] {0.5f, v};
            else if (t.isEnum()) args[i] = t.getEnumConstants()[v % t.getEnumConstants().length];
            else throw new IllegalStateException("fixture cannot generate " + t);
        }
        try {
            return cls.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The awkward corners: special floats, names that need quoting, scalars and empty tensors, every
     * element type as a constant, single-channel per-channel quantization on a non-zero axis, absent
     * inputs in the middle, multi-output nodes, a node without outputs, a variable (SVDF state), and graph
     * outputs that are an input and a constant.
     */
    public static Graph edgeCases() {
        Graph g = new Graph("edge cases: \"quoted\"");
        Value in = g.addInput("serving_default_input:0", f32(1, 3));
        Value q = g.addInput("q in", new TensorType(ElementType.INT8, new int[] {1, 2, 2, 1},
                new Quant(new float[] {Float.MIN_VALUE}, new int[] {-128}, 3)));

        Value scalar = g.newConstant("scalar", floats(f32(), Float.NaN));
        Value special = g.newConstant("special", floats(f32(4), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, Float.MAX_VALUE));
        Value empty = g.newConstant("empty", Tensor.zeros(f32(0, 3)));
        List<Value> typed = new ArrayList<>();
        for (ElementType et : ElementType.values()) {
            Tensor t = Tensor.zeros(new TensorType(et, new int[] {3}, null));
            for (int i = 0; i < 3; i++) t.setLong(i, i == 0 ? -1 : i * 100);
            typed.add(g.newConstant("const_" + et.shortName(), t));
        }

        Value p = g.newValue("padded", f32(1, 5));
        g.addNode("pad with \\ and \"quotes\"\nnewline", OpKind.PAD,
                new Attrs.Pad(new int[] {0, 0, 1, 1}, Double.NEGATIVE_INFINITY), List.of(in), List.of(p));
        Value sm = g.newValue("sm", f32(1, 5));
        g.addNode("softmax nan beta", OpKind.SOFTMAX, new Attrs.Softmax(Float.NaN), List.of(p), List.of(sm));
        Value a = g.newValue("a", f32(1, 2)), b = g.newValue("b", f32(1, 3));
        g.addNode("split", OpKind.SPLIT, new Attrs.Split(1, new int[] {2, 3}), List.of(sm), List.of(a, b));
        Value u0 = g.newValue("u0", f32(1)), u1 = g.newValue("u1", f32(1)), u2 = g.newValue("u2", f32(1));
        g.addNode("unpack", OpKind.UNPACK, new Attrs.Axis(1), List.of(b), List.of(u0, u1, u2));
        // Node without outputs: parsing must accept it (a sink kept for its side effects).
        g.addNode("sink", OpKind.MAXIMUM, Attrs.None.INSTANCE, List.of(a, scalar), List.of());
        Value st = g.newValue("svdf", f32(1, 3));
        List<Value> svdfIns = new ArrayList<>(List.of(u0, special, empty));
        svdfIns.add(null);
        svdfIns.add(g.newVariable("svdf state", f32(1, 3)));
        g.addNode("svdf", OpKind.SVDF, new Attrs.Svdf(1, Activation.RELU), svdfIns, List.of(st));
        Value cat = g.newValue("cat", f32(1, 3));
        List<Value> catIns = new ArrayList<>(List.of(st));
        catIns.addAll(typed);
        g.addNode("concat", OpKind.CONCATENATION, new Attrs.Concat(0, Activation.NONE), catIns, List.of(cat));
        Value qo = g.newValue("qo größe ✓", q.type());
        g.addNode("relu", OpKind.RELU, Attrs.None.INSTANCE, List.of(q), List.of(qo));
        g.addOutput(cat);
        g.addOutput(qo);
        g.addOutput(in);
        g.addOutput(scalar);
        return g;
    }

    static Tensor floats(TensorType t, float... v) {
        Tensor x = Tensor.zeros(t);
        System.arraycopy(v, 0, x.float32(), 0, v.length);
        return x;
    }

    private static List<Value> listWithAbsent(Value... vs) {
        List<Value> l = new ArrayList<>();
        for (Value v : vs) l.add(v);
        return l;
    }

    /** Every graph above. */
    public static List<Graph> all() { return List.of(int8Network(), everyOpKind(), edgeCases()); }
}
