package dev.tinyforge.passes;

import java.util.ArrayList;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Removes RESHAPEs whose output type equals their input type (same shape, element type, quantization).
 * One is kept when it is all that separates a graph output from a graph input or a constant, so that
 * every graph output stays a value some node computes (backends write outputs into their own buffers).
 */
public final class RemoveIdentityReshape implements Pass {
    @Override public String name() { return "remove-identity-reshape"; }

    @Override public void run(Graph g) {
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.kind() != OpKind.RESHAPE) continue;
            Value in = n.input(0), out = n.output();
            if (in == null || !in.type().equals(out.type())) continue;
            if (g.outputs().contains(out) && (in.isConstant() || in.producer() == null)) continue;
            g.replaceAllUses(out, in);
            g.removeNode(n);
        }
    }
}
