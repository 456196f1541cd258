package dev.tinyforge.passes;

import java.util.ArrayList;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * RESHAPE(RESHAPE(x)) becomes RESHAPE(x): a reshape only reinterprets the same bytes, so the outer one can
 * read x directly. The inner reshape is removed once nothing else uses it. Walking in execution order
 * collapses chains of any length into their last reshape.
 */
public final class CollapseReshapeChains implements Pass {
    @Override public String name() { return "collapse-reshapes"; }

    @Override public void run(Graph g) {
        for (Node n : new ArrayList<>(g.nodes())) {
            if (n.kind() != OpKind.RESHAPE) continue;
            Value mid = n.input(0);
            Node inner = mid == null ? null : mid.producer();
            if (inner == null || inner.kind() != OpKind.RESHAPE) continue;
            Value source = inner.input(0);
            if (source.type().elementType() != n.output().type().elementType()) continue;
            g.setNodeInput(n, 0, source);
            if (mid.users().isEmpty() && !g.outputs().contains(mid)) g.removeNode(inner);
        }
    }
}
