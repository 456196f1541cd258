package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.util.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human-readable {@code <name>.json} beside each test model: inputs, outputs, ops and sizes. */
final class ModelInfoJson {
    private ModelInfoJson() {}

    static String of(GeneratedModel m, int fileBytes) {
        Graph g = m.graph();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("file", m.name() + ".tflite");
        o.put("file_bytes", fileBytes);
        o.put("description", m.description());
        o.put("generator", "dev.tinyforge.testmodels.TestModels (regenerate: java -cp tinyforge.jar "
                + "dev.tinyforge.testmodels.TestModels test-models/)");
        o.put("inputs", tensors(g.inputs()));
        o.put("outputs", tensors(g.outputs()));
        o.put("node_count", g.nodes().size());
        o.put("ops", ModelStats.opCounts(g));
        List<String> order = new ArrayList<>();
        for (var n : g.nodes()) order.add(n.kind().name() + " " + n.name());
        o.put("nodes", order);
        o.put("macs", ModelStats.macs(g));
        o.put("constant_bytes", ModelStats.constantBytes(g));
        o.put("largest_activation_bytes", ModelStats.largestActivationBytes(g));
        o.putAll(m.notes());
        return Json.write(o);
    }

    private static List<Object> tensors(List<Value> values) {
        List<Object> r = new ArrayList<>();
        for (Value v : values) {
            TensorType t = v.type();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", v.name());
            e.put("shape", t.shape());
            e.put("dtype", t.elementType().name().toLowerCase(java.util.Locale.ROOT));
            if (t.quant() != null) {
                e.put("scale", (double) t.quant().scale());
                e.put("zero_point", t.quant().zeroPoint());
            }
            r.add(e);
        }
        return r;
    }
}
