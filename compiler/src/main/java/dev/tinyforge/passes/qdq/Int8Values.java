package dev.tinyforge.passes.qdq;

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

/**
 * The int8 side of the lowering. The kernels are int8, ONNX models may be uint8: a uint8 value with zero
 * point z holds the same real numbers as int8 with zero point z - 128 and every stored value minus 128,
 * so uint8 is converted at the boundaries by QUANTIZE between the two (TFLM's xor-0x80 requantization,
 * exact), and lowered ops read and write int8.
 */
final class Int8Values {
    private Int8Values() {}

    /** The quantized value a float value is the DEQUANTIZE of (int8 / uint8, per-tensor), or null. */
    static Value dequantized(Value f) {
        Node p = f == null ? null : f.producer();
        if (p == null || p.kind() != OpKind.DEQUANTIZE) return null;
        Value q = p.input(0);
        return QuantizedResult.isActivationType(q) ? q : null;
    }

    /** The int8 twin of a uint8 quantization. */
    static TensorType int8Type(TensorType t) {
        if (t.elementType() == ElementType.INT8) return t;
        Quant q = t.quant();
        return new TensorType(ElementType.INT8, t.shape(), Quant.perTensor(q.scale(), q.zeroPoint() - 128));
    }

    /** q as int8: itself, the int8 value a uint8 one was converted from, or a new conversion after q's producer. */
    static Value view(Graph g, Value q) {
        if (q.type().elementType() == ElementType.INT8) return q;
        TensorType t8 = int8Type(q.type());
        Node p = q.producer();
        if (p != null && p.kind() == OpKind.QUANTIZE && p.input(0).type().equals(t8)) return p.input(0);
        if (q.isConstant()) {
            byte[] b = q.constant().int8().clone();
            for (int i = 0; i < b.length; i++) b[i] ^= (byte) 0x80;
            return g.newConstant(g.uniqueName(q.name() + "_s8"), Tensor.wrap(t8, b));
        }
        for (Node u : q.users())
            if (u.kind() == OpKind.QUANTIZE && u.output().type().equals(t8)) return u.output();
        Value v = g.newValue(g.uniqueName(q.name() + "_s8"), t8);
        g.insertNode(p == null ? 0 : g.nodes().indexOf(p) + 1, g.uniqueName(q.name() + "_to_s8"), OpKind.QUANTIZE,
                Attrs.None.INSTANCE, List.of(q), List.of(v));
        return v;
    }

    /**
     * Replaces {@code op} and the path to its quantized result by one int8 node computing {@code r.q()}
     * (through an int8 value and a conversion when q is uint8). Returns the new node.
     */
    static Node replace(Graph g, Node op, OpKind kind, Attrs attrs, List<Value> ins, QuantizedResult r) {
        return replace(g, op, kind, attrs, ins, int8Type(r.q().type()), r);
    }

    /** As {@link #replace(Graph, Node, OpKind, Attrs, List, QuantizedResult)}, with the new node's output type given. */
    static Node replace(Graph g, Node op, OpKind kind, Attrs attrs, List<Value> ins, TensorType outType, QuantizedResult r) {
        Value q = r.q();
        String name = q.name();
        int at = g.nodes().indexOf(op);
        Value t = g.newValue(g.uniqueName(name + "_q"), outType);
        Node n = g.insertNode(at, op.name(), kind, attrs, ins, List.of(t));
        Value last = t;
        TensorType t8 = int8Type(q.type());
        if (!outType.equals(t8)) { // requantize to the result's quantization
            Value v = g.newValue(g.uniqueName(name + "_rq"), t8);
            g.insertNode(++at, g.uniqueName(name + "_requantize"), OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(last), List.of(v));
            last = v;
        }
        if (q.type().elementType() == ElementType.UINT8) {
            Value u = g.newValue(g.uniqueName(name + "_u8"), q.type());
            g.insertNode(++at, g.uniqueName(name + "_to_u8"), OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(last), List.of(u));
            last = u;
        }
        g.replaceAllUses(q, last);
        List<Node> path = r.path();
        for (int i = path.size() - 1; i >= 0; i--) g.removeNode(path.get(i));
        g.removeNode(op);
        g.renameValue(last, name);
        return n;
    }
}
