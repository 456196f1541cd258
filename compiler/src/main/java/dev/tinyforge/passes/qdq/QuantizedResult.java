package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;

/**
 * Where a float result is quantized: {@code f -> [RELU | RELU6 | RELU_N1_TO_1] -> quantize -> q}, the
 * quantize being a QUANTIZE node or the ONNX QuantizeLinear chain the frontend writes (DIV by the scale,
 * ROUND, ADD of the zero point, MAXIMUM, MINIMUM, CAST to a type that carries the quantization). Every
 * value on the way feeds only the next node, so the whole path can be replaced by one integer op.
 *
 * @param q the quantized value (int8 or uint8, per-tensor)
 * @param activation the clamp before quantizing, as a fused activation (exact: quantizing is monotonic,
 *        so clamping before it equals clamping the quantized value at the quantized bounds)
 * @param path the nodes from the activation to the node producing q, in order
 */
record QuantizedResult(Value q, Activation activation, List<Node> path) {

    private static final Map<OpKind, Activation> ACTIVATIONS = Map.of(
            OpKind.RELU, Activation.RELU, OpKind.RELU6, Activation.RELU6, OpKind.RELU_N1_TO_1, Activation.RELU_N1_TO_1);

    /** The quantization of f's single consumer path, or null when f is not quantized that way. */
    static QuantizedResult of(Graph g, Value f) {
        List<Node> path = new ArrayList<>();
        Activation act = Activation.NONE;
        Node next = soleUser(g, f);
        if (next != null && ACTIVATIONS.containsKey(next.kind())) {
            act = ACTIVATIONS.get(next.kind());
            path.add(next);
            next = soleUser(g, next.output());
        }
        if (next == null) return null;
        Value q = next.kind() == OpKind.QUANTIZE ? quantizeNode(next, path) : chain(g, next, path);
        return q == null ? null : new QuantizedResult(q, act, path);
    }

    /** The single node using v, or null when v has several users, none, or is a graph output. */
    static Node soleUser(Graph g, Value v) {
        if (v.users().size() != 1 || g.outputs().contains(v)) return null;
        Node u = v.users().get(0);
        return u.inputs().indexOf(v) == u.inputs().lastIndexOf(v) ? u : null;
    }

    private static Value quantizeNode(Node n, List<Node> path) {
        if (!n.input(0).type().elementType().isFloat() || !isActivationType(n.output())) return null;
        path.add(n);
        return n.output();
    }

    private static Value chain(Graph g, Node div, List<Node> path) {
        if (div.kind() != OpKind.DIV || !isScalarConstant(div.input(1))) return null;
        List<Node> nodes = new ArrayList<>(List.of(div));
        Node n = soleUser(g, div.output());
        if (n == null || n.kind() != OpKind.ROUND) return null;
        nodes.add(n);
        n = soleUser(g, n.output());
        if (n != null && n.kind() == OpKind.ADD && isScalarConstant(n.input(1))) {
            nodes.add(n);
            n = soleUser(g, n.output());
        }
        for (OpKind k : new OpKind[] {OpKind.MAXIMUM, OpKind.MINIMUM}) {
            if (n == null || n.kind() != k || !isScalarConstant(n.input(1))) return null;
            nodes.add(n);
            n = soleUser(g, n.output());
        }
        Node cast = n;
        if (cast == null || cast.kind() != OpKind.CAST || !isActivationType(cast.output())) return null;
        if (div.input(1).constant().getDouble(0) != cast.output().type().quant().scale()) return null;
        nodes.add(cast);
        path.addAll(nodes);
        return cast.output();
    }

    /** The float input of the quantize chain ending at q, or null when q is not such a chain's result. */
    static Value chainInput(Graph g, Value q) {
        Node p = q.producer();
        if (p == null || p.kind() != OpKind.CAST || !isActivationType(q)) return null;
        // walk back to the DIV and check the chain forward from there
        Node n = p;
        for (int i = 0; i < 5 && n != null && n.kind() != OpKind.DIV; i++) n = n.input(0).producer();
        if (n == null || n.kind() != OpKind.DIV) return null;
        List<Node> path = new ArrayList<>();
        Value end = chain(g, n, path);
        return end == q ? n.input(0) : null;
    }

    /** The nodes of the chain ending at q, DIV first (for removal); empty when q is not a chain's result. */
    static List<Node> chainNodes(Graph g, Value q) {
        Value x = chainInput(g, q);
        if (x == null) return List.of();
        for (Node u : x.users()) {
            List<Node> path = new ArrayList<>();
            if (u.kind() == OpKind.DIV && chain(g, u, path) == q) return path;
        }
        return List.of();
    }

    static boolean isScalarConstant(Value v) {
        return v != null && v.isConstant() && v.type().elementCount() == 1 && v.type().elementType().isFloat();
    }

    /** int8 or uint8 with per-tensor quantization: what the int8 kernels read and write. */
    static boolean isActivationType(Value v) {
        ElementType et = v.type().elementType();
        Quant q = v.type().quant();
        return (et == ElementType.INT8 || et == ElementType.UINT8) && q != null && !q.isPerChannel();
    }
}
