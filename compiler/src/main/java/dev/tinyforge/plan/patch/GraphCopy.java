package dev.tinyforge.plan.patch;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structural copy of a graph, so the patch search can rewrite candidates without reloading the model.
 * Constant data is shared (no pass mutates a tensor's backing array in place); values, nodes and
 * attributes are new or immutable.
 */
final class GraphCopy {

    private GraphCopy() {}

    static Graph of(Graph g) {
        Graph c = new Graph(g.name());
        Map<Value, Value> map = new IdentityHashMap<>();
        for (Value in : g.inputs()) {
            Value ci = c.addInput(in.name(), in.type());
            ci.setStreamed(in.isStreamed());
            map.put(in, ci);
        }
        for (Node n : g.nodes()) {
            List<Value> ins = new ArrayList<>();
            for (Value v : n.inputs()) ins.add(v == null ? null : map.computeIfAbsent(v, k -> leaf(c, k)));
            List<Value> outs = new ArrayList<>();
            for (Value v : n.outputs()) {
                Value o = c.newValue(v.name(), v.type());
                o.setStreamed(v.isStreamed());
                map.put(v, o);
                outs.add(o);
            }
            c.addNode(n.name(), n.kind(), n.attrs(), ins, outs);
        }
        for (Value out : g.outputs()) c.addOutput(map.computeIfAbsent(out, k -> leaf(c, k)));
        return c;
    }

    /** A value no node produces: a constant or a variable. */
    private static Value leaf(Graph c, Value v) {
        if (v.isConstant()) return c.newConstant(v.name(), v.constant());
        if (v.isVariable()) return c.newVariable(v.name(), v.type());
        throw new IllegalStateException("%" + v.name() + " is used before any node produces it");
    }
}
