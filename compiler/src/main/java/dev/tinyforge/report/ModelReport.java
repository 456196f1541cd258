package dev.tinyforge.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.MemoryPlan;

/**
 * What the user reads about a compiled model, built from the planned IR (so it describes exactly the
 * generated code): as a JSON-ready map with stable key names, and as a text table.
 */
public final class ModelReport {
    private ModelReport() {}

    public static Map<String, Object> json(CompiledModel cm) {
        Graph g = cm.graph();
        MemoryPlan plan = cm.plan();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", g.name());
        Map<String, Integer> ops = new TreeMap<>();
        for (Node n : g.nodes()) ops.merge(n.kind().name(), 1, Integer::sum);
        r.put("ops", ops);
        r.put("macs", Macs.of(g));
        r.put("weights_bytes", weightsBytes(g));
        r.put("arena_bytes", plan.arenaBytes());
        r.put("lower_bound_bytes", plan.lowerBound());
        r.put("inputs", io(g.inputs(), plan));
        r.put("outputs", io(g.outputs(), plan));
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("index", i);
            l.put("name", n.name());
            l.put("op", n.kind().name());
            l.put("output_shape", n.output().type().shape());
            l.put("output_type", n.output().type().elementType().shortName());
            l.put("macs", Macs.of(n));
            l.put("weights_bytes", n.inputs().stream().filter(v -> v != null && v.isConstant())
                    .mapToLong(v -> v.type().byteSize()).sum());
            l.put("arena_offset", plan.offset(n.output()));
            l.put("arena_size", n.output().type().byteSize());
            layers.add(l);
        }
        r.put("layers", layers);
        return r;
    }

    public static long weightsBytes(Graph g) {
        return g.constants().stream().mapToLong(v -> v.type().byteSize()).sum();
    }

    private static List<Object> io(List<Value> vs, MemoryPlan plan) {
        List<Object> r = new ArrayList<>();
        for (Value v : vs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("type", v.type().elementType().shortName());
            m.put("shape", v.type().shape());
            if (v.type().quant() != null && !v.type().quant().isPerChannel()) {
                m.put("scale", (double) v.type().quant().scale());
                m.put("zero_point", v.type().quant().zeroPoint());
            }
            m.put("bytes", v.type().byteSize());
            m.put("arena_offset", plan.offset(v));
            r.add(m);
        }
        return r;
    }

    /** A human-readable table of the same facts. */
    public static String text(CompiledModel cm) {
        Graph g = cm.graph();
        MemoryPlan plan = cm.plan();
        StringBuilder b = new StringBuilder();
        b.append(String.format("model %s: %d layers, %,d MACs, weights %,d bytes, arena %,d bytes (lower bound %,d)%n",
                g.name(), g.nodes().size(), Macs.of(g), weightsBytes(g), plan.arenaBytes(), plan.lowerBound()));
        b.append(String.format("%4s  %-22s %-16s %-14s %12s %10s  %s%n", "#", "op", "output", "type", "MACs", "arena@", "name"));
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            b.append(String.format("%4d  %-22s %-16s %-14s %,12d %10d  %s%n", i, n.kind().name(),
                    n.output().type().shapeString(), n.output().type().elementType().shortName(), Macs.of(n),
                    plan.offset(n.output()), n.name()));
        }
        return b.toString();
    }
}
