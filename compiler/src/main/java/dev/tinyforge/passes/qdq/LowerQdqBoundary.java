package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.Pass;

/**
 * Cleans up the edges of the lowered int8 region, after the op lowerings:
 * <ol>
 *   <li>DEQUANTIZE straight into a quantize is a requantizing QUANTIZE (int8 to int8);</li>
 *   <li>an ONNX QuantizeLinear chain whose result feeds an integer op becomes one QUANTIZE (float to int);
 *       TFLite's QUANTIZE rounds ties away from zero where ONNX rounds them to even, so an input exactly
 *       halfway between two steps can differ by 1 LSB;</li>
 *   <li>conversions that cancel go: float to uint8 to int8 is float to int8 (the zero point moved by 128),
 *       DEQUANTIZE of a uint8 copy of an int8 value reads the int8 value, a QUANTIZE between equal types is
 *       dropped.</li>
 * </ol>
 * Chains whose result only feeds float ops through DEQUANTIZE stay ONNX's exact float arithmetic.
 */
public final class LowerQdqBoundary implements Pass {
    @Override public String name() { return "lower-qdq-boundary"; }

    @Override public void run(Graph g) {
        requantizePairs(g);
        chainsToQuantize(g);
        for (Node n : new ArrayList<>(g.nodes())) {
            if (!g.nodes().contains(n)) continue;
            if (n.kind() == OpKind.DEQUANTIZE) readInt8Directly(g, n);
            else if (n.kind() == OpKind.QUANTIZE && !quantizeStraightToInt8(g, n) && !dropRoundTrip(g, n)) dropIdentity(g, n);
        }
    }

    private static void requantizePairs(Graph g) {
        for (Node d : new ArrayList<>(g.nodes())) {
            if (d.kind() != OpKind.DEQUANTIZE || !g.nodes().contains(d)) continue;
            Value xq = Int8Values.dequantized(d.output());
            if (xq == null) continue;
            QuantizedResult r = QuantizedResult.of(g, d.output());
            if (r == null || r.activation() != Activation.NONE) continue;
            Int8Values.replace(g, d, OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(Int8Values.view(g, xq)), r);
        }
    }

    private static void chainsToQuantize(Graph g) {
        for (Node cast : new ArrayList<>(g.nodes())) {
            if (cast.kind() != OpKind.CAST || !g.nodes().contains(cast)) continue;
            Value q = cast.output();
            if (q.users().stream().allMatch(u -> u.kind() == OpKind.DEQUANTIZE)) continue;
            List<Node> chain = QuantizedResult.chainNodes(g, q);
            if (chain.isEmpty()) continue;
            Value x = chain.get(0).input(0);
            String name = q.name();
            Value t = g.newValue(g.uniqueName(name + "_q"), q.type());
            g.insertNode(g.nodes().indexOf(chain.get(0)), g.uniqueName(name + "_quantize"), OpKind.QUANTIZE,
                    Attrs.None.INSTANCE, List.of(x), List.of(t));
            g.replaceAllUses(q, t);
            for (int i = chain.size() - 1; i >= 0; i--) g.removeNode(chain.get(i));
            g.renameValue(t, name);
        }
    }

    /** DEQUANTIZE(uint8 copy of an int8 value) reads the int8 value. */
    private static void readInt8Directly(Graph g, Node d) {
        Value u = d.input(0);
        Node p = u.producer();
        if (u.type().elementType() != ElementType.UINT8 || p == null || p.kind() != OpKind.QUANTIZE) return;
        Value t = p.input(0);
        if (t.type().equals(Int8Values.int8Type(u.type()))) g.setNodeInput(d, 0, t);
    }

    /** QUANTIZE(QUANTIZE(float to uint8) to its int8 twin) is one QUANTIZE float to int8. */
    private static boolean quantizeStraightToInt8(Graph g, Node n) {
        Value u = n.input(0), v = n.output();
        Node p = u.producer();
        if (u.type().elementType() != ElementType.UINT8 || p == null || p.kind() != OpKind.QUANTIZE) return false;
        if (!p.input(0).type().elementType().isFloat() || !v.type().equals(Int8Values.int8Type(u.type()))) return false;
        String name = v.name();
        Value t = g.newValue(g.uniqueName(name + "_q"), v.type());
        g.insertNode(g.nodes().indexOf(n), g.uniqueName(name + "_quantize"), OpKind.QUANTIZE, Attrs.None.INSTANCE,
                List.of(p.input(0)), List.of(t));
        g.replaceAllUses(v, t);
        g.removeNode(n);
        g.renameValue(t, name);
        return true;
    }

    /** QUANTIZE(QUANTIZE(t int8 to uint8) back to t's type) is t. */
    private static boolean dropRoundTrip(Graph g, Node n) {
        Value u = n.input(0), v = n.output();
        Node p = u.producer();
        if (u.type().elementType() != ElementType.UINT8 || p == null || p.kind() != OpKind.QUANTIZE) return false;
        Value t = p.input(0);
        if (!t.type().equals(v.type()) || !v.type().equals(Int8Values.int8Type(u.type())) || g.outputs().contains(v)) return false;
        g.replaceAllUses(v, t);
        g.removeNode(n);
        return true;
    }

    private static void dropIdentity(Graph g, Node n) {
        Value x = n.input(0), y = n.output();
        if (!x.type().equals(y.type()) || g.outputs().contains(y)) return;
        g.replaceAllUses(y, x);
        g.removeNode(n);
    }
}
