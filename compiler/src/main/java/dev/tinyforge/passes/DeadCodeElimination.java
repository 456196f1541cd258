package dev.tinyforge.passes;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Removes nodes none of whose outputs is used by another node or is a graph output. Walking backwards
 * removes whole dead chains in one sweep; constants only dead nodes used disappear with them, since a
 * graph lists just the constants its nodes use.
 */
public final class DeadCodeElimination implements Pass {
    @Override public String name() { return "dce"; }

    @Override public void run(Graph g) {
        List<Node> nodes = new ArrayList<>(g.nodes());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (isDead(g, n)) g.removeNode(n);
        }
    }

    private static boolean isDead(Graph g, Node n) {
        for (Value out : n.outputs())
            if (!out.users().isEmpty() || g.outputs().contains(out)) return false;
        return true;
    }
}
