package dev.tinyforge.passes;

import java.util.ArrayList;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/** Removes RESHAPEs whose output type equals their input type (same shape, element type, quantization). */
public final class RemoveIdentityReshape implements Pass {
    @Override public String name() { return "remove-identity-reshape"; }

    @Override public void run(Graph g) {
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.kind() != OpKind.RESHAPE) continue;
            Value in = n.input(0), out = n.output();
            if (in == null || !in.type().equals(out.type())) continue;
            g.replaceAllUses(out, in);
            g.removeNode(n);
        }
    }
}
