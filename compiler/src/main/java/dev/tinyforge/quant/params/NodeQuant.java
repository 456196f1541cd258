package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;

/** Reads the quantization a prepare step needs from a node's values, failing with a one-line message. */
final class NodeQuant {
    private NodeQuant() {}

    static Quant of(Node node, Value v, String role) {
        if (v == null) throw new CompileException(node + ": missing " + role);
        Quant q = v.type().quant();
        if (q == null) throw new CompileException(node + ": " + role + " %" + v.name() + " is not quantized");
        return q;
    }

    static Quant input(Node node, int i) { return of(node, node.input(i), "input " + i); }

    static Quant output(Node node) { return of(node, node.output(), "output"); }
}
