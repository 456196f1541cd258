package dev.tinyforge.backend.c;

import dev.tinyforge.Isa;

import java.util.Map;

import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Node;
import dev.tinyforge.plan.Buffer;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.plan.MemoryPlan;

/**
 * What an emitter needs to name things in C for one layer: pointers to activations (arena offsets
 * from the plan), constants (weight arrays) and variables (static state buffers), and uniquely named
 * static declarations.
 */
public final class EmitContext {
    private final MemoryPlan plan;
    private final Map<Value, String> staticNames;
    private final String prefix;
    private final Isa isa;
    private LayerCode code;

    EmitContext(MemoryPlan plan, Map<Value, String> staticNames, int layer, Isa isa) {
        this.plan = plan;
        this.isa = isa;
        this.staticNames = staticNames;
        this.prefix = "l" + layer + "_";
    }

    /** The target's instruction-set extensions: which kernel variants this layer may call. */
    public Isa isa() { return isa; }

    void bind(LayerCode c) { this.code = c; }

    /** A typed pointer expression for a value: its weight array, its state buffer, or its place in the arena. */
    public String ptr(Value v) {
        if (v == null) return "NULL";
        if (v.isConstant() || v.isVariable()) return name(v);
        return "((" + CLiterals.ctype(v.type().elementType()) + " *)(" + areaSymbol(plan.area(v)) + " + " + plan.offset(v) + "))";
    }

    /** An untyped pointer expression (for byte-moving kernels). */
    public String bytes(Value v) {
        if (v.isConstant()) return "(const void *)" + name(v);
        if (v.isVariable()) return "(void *)" + name(v);
        return "(void *)(" + areaSymbol(plan.area(v)) + " + " + plan.offset(v) + ")";
    }

    /** The C array a memory area is. */
    public static String areaSymbol(MemoryPlan.Area a) { return a == MemoryPlan.Area.IO ? "tf_io" : "tf_arena"; }

    /**
     * How the node runs in place with its output at its input's first byte, or null when it does not
     * (out of place, or overlapped: see {@link #isOverlapped}).
     */
    public InPlace inPlace(Node n) {
        InPlace ip = plan.inPlace(n);
        return ip == null || ip.isOverlap() ? null : ip;
    }

    /**
     * True when the node's output overlaps its input's head (InPlaceScheme.PIXEL_ORDER_OVERLAP): it is
     * called like an out-of-place layer, but only with a kernel that keeps row-major pixel order
     * (dev.tinyforge.plan.PixelWindows says which), never a channel-plane one.
     */
    public boolean isOverlapped(Node n) {
        InPlace ip = plan.inPlace(n);
        return ip != null && ip.isOverlap();
    }

    /** True when the plan made the node's work unnecessary (views, folded concatenations). */
    public boolean isNoOp(Node n) { return plan.isNoOp(n); }

    /** An int8 pointer to a scratch buffer of the arena. */
    public String scratch(Buffer b) { return "((int8_t *)(tf_arena + " + plan.offset(b) + "))"; }

    /** The model input index (a C literal) a streamed value is read from: the graph input itself or its conversion's. */
    public String streamedInputIndex(Value v) {
        Value root = v;
        while (root.producer() != null) root = root.producer().input(0);
        return name(root);
    }

    private String name(Value v) {
        String n = staticNames.get(v);
        if (n == null) throw new IllegalStateException((v.isVariable() ? "variable %" : "constant %") + v.name() + " was not emitted");
        return n;
    }

    public Tensor constant(Value v) { return v.constant(); }

    /** Declares {@code static const <ctype> l<i>_<role> = <init>;} and returns its name. */
    public String declare(String ctype, String role, String init) {
        String n = prefix + role;
        code.declare("static const " + ctype + " " + n + " = " + init + ";");
        return n;
    }

    /** Declares {@code static const <ctype> l<i>_<role>[count] = <init>;} and returns its name. */
    public String declareArray(String ctype, String role, int count, String init) {
        String n = prefix + role;
        code.declare("static const " + ctype + " " + n + "[" + count + "] = " + init + ";");
        return n;
    }

    /** Declares a static const int32 array and returns its name. */
    public String declareInts(String role, int... values) {
        String n = prefix + role;
        code.declare("static const int32_t " + n + "[" + Math.max(values.length, 1) + "] = "
                + (values.length == 0 ? "{0}" : CLiterals.array(values)) + ";");
        return n;
    }

    /** Declares a tf_dims for a 4-D (or lower rank, padded with leading 1s) shape; returns &name. */
    public String dims(String role, TensorType t) {
        int[] d = padTo4(t.shape());
        return "&" + declare("tf_dims", role, "{" + d[0] + ", " + d[1] + ", " + d[2] + ", " + d[3] + "}");
    }

    public static int[] padTo4(int[] shape) {
        if (shape.length > 4) throw new IllegalArgumentException("rank " + shape.length + " does not fit 4-D kernels");
        int[] d = {1, 1, 1, 1};
        System.arraycopy(shape, 0, d, 4 - shape.length, shape.length);
        return d;
    }
}
