package dev.tinyforge.backend.c;

import dev.tinyforge.Isa;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.plan.LifetimeAnalysis;
import dev.tinyforge.plan.MemoryPlan;

/**
 * Renders a planned graph as C. All decisions (kernel per layer, arena offsets) are already made: this
 * class only gathers them into template data, so what the report says is what the code does.
 */
public final class CModelGenerator {
    private CModelGenerator() {}

    public static GeneratedModel generate(Graph g, MemoryPlan plan) {
        return generate(g, plan, Isa.PORTABLE);
    }

    /** As {@link #generate(Graph, MemoryPlan)}, choosing kernel variants for the given instruction-set extensions. */
    public static GeneratedModel generate(Graph g, MemoryPlan plan, Isa isa) {
        CNames names = new CNames();
        Map<Value, String> constantNames = new IdentityHashMap<>();
        List<Map<String, Object>> constants = new ArrayList<>();
        long weightsBytes = 0;
        for (Value c : g.constants()) {
            String cname = names.name(c, "w_", c.name());
            constantNames.put(c, cname);
            weightsBytes += c.type().byteSize();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cname", cname);
            m.put("comment", CNames.comment(c.name()));
            m.put("type", typeText(c.type()));
            m.put("ctype", CLiterals.ctype(c.type().elementType()));
            m.put("count", Math.max(1, c.type().elementCount()));
            m.put("bytes", c.type().byteSize());
            m.put("elements", c.type().elementCount() == 0 ? "  0" : CLiterals.elements(c.constant(), 16));
            constants.add(m);
        }

        // Variables (persistent state, e.g. SVDF's activation state) live outside the arena, which the
        // next invocation reuses: zero-initialised statics that model_reset() zeroes again.
        List<Map<String, Object>> variables = new ArrayList<>();
        long stateBytes = 0;
        for (Value v : g.variables()) {
            String cname = names.name(v, "tf_state_", v.name());
            constantNames.put(v, cname);
            stateBytes += v.type().byteSize();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cname", cname);
            m.put("comment", CNames.comment(v.name()));
            m.put("type", typeText(v.type()));
            m.put("ctype", CLiterals.ctype(v.type().elementType()));
            m.put("count", Math.max(1, v.type().elementCount()));
            m.put("bytes", v.type().byteSize());
            variables.add(m);
        }

        // Streamed inputs are read through model_read_input_row(index, ...): their C name is their index.
        for (int i = 0; i < g.inputs().size(); i++) if (g.inputs().get(i).isStreamed()) constantNames.put(g.inputs().get(i), Integer.toString(i));

        List<Map<String, Object>> layers = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        Set<String> includes = new LinkedHashSet<>();
        long totalMacs = 0;
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            EmitContext ctx = new EmitContext(plan, constantNames, i, isa);
            LayerCode code = new LayerCode();
            ctx.bind(code);
            // A streamed conversion (QUANTIZE of a streamed input) runs inside the windows that read it.
            if (!n.output().isStreamed()) LayerEmitters.forNode(n).emit(n, ctx, code);
            functions.addAll(code.functions());
            for (String h : code.includes()) includes.add("runtime/" + h);
            long macs = Macs.of(n);
            totalMacs += macs;
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("index", i);
            l.put("kind", n.kind().name());
            l.put("comment", CNames.comment(n.name()));
            l.put("cname", CNames.comment(n.name()).replace("\\", "/").replace("\"", "'"));
            l.put("notes", notes(n, plan, macs));
            l.put("declarations", code.declarations());
            l.put("statements", code.statements());
            l.put("hasCode", !code.statements().isEmpty());
            layers.add(l);
        }

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", CNames.comment(g.name()));
        model.put("guard", "TF_MODEL_H");
        model.put("arenaBytes", plan.arenaBytes());
        model.put("arenaAlloc", Math.max(1, plan.arenaBytes()));
        model.put("hasIoArea", plan.ioAreaBytes() > 0);
        model.put("ioAreaBytes", plan.ioAreaBytes());
        model.put("planner", plan.strategy());
        model.put("lowerBound", plan.lowerBound());
        model.put("weightsBytes", weightsBytes);
        model.put("layerCount", g.nodes().size());
        model.put("layerNamesCount", Math.max(1, g.nodes().size()));
        model.put("macs", totalMacs);
        model.put("inputs", io(g.inputs(), plan));
        model.put("outputs", io(g.outputs(), plan));
        model.put("inputCount", Math.max(1, g.inputs().size()));
        model.put("outputCount", Math.max(1, g.outputs().size()));
        model.put("layers", layers);
        model.put("includes", new ArrayList<>(includes));
        model.put("constants", constants);
        model.put("variables", variables);
        model.put("stateBytes", stateBytes);

        RuntimeLibrary lib = RuntimeLibrary.get();
        Set<String> sources = lib.sourcesFor(functions);
        model.put("runtimeSources", new ArrayList<>(sources));

        Map<String, String> files = new LinkedHashMap<>();
        files.put("model.h", Templates.render("c_model", "modelH", Map.of("m", model)));
        files.put("model.c", Templates.render("c_model", "modelC", Map.of("m", model)));
        files.put("model_weights.h", Templates.render("c_model", "weightsH", Map.of("m", model)));
        files.put("model_weights.c", Templates.render("c_model", "weightsC", Map.of("m", model)));
        files.put("host_main.c", Templates.render("c_model", "hostMain", Map.of("m", model)));
        files.put("Makefile.host", Templates.render("c_model", "hostMakefile", Map.of("m", model)));
        return new GeneratedModel(files, sources, lib.headers());
    }

    private static List<Map<String, Object>> io(List<Value> values, MemoryPlan plan) {
        List<Map<String, Object>> r = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i);
            m.put("comment", CNames.comment(v.name()));
            m.put("ctype", CLiterals.ctype(v.type().elementType()));
            m.put("shape", v.type().shapeString());
            m.put("quant", quantText(v.type().quant()));
            m.put("bytes", v.type().byteSize());
            m.put("streamed", v.isStreamed());
            m.put("ptr", v.isStreamed() ? "NULL" : EmitContext.areaSymbol(plan.area(v)) + " + " + plan.offset(v));
            int[] s = v.type().shape();
            m.put("rowPixels", s.length == 4 ? s[2] : 1);
            m.put("pixelBytes", s.length == 4 ? (long) s[3] * v.type().elementType().byteSize() : v.type().byteSize());
            r.add(m);
        }
        return r;
    }

    private static List<String> notes(Node n, MemoryPlan plan, long macs) {
        List<String> lines = new ArrayList<>();
        for (Value v : n.inputs()) {
            if (v == null) continue;
            lines.add(" *   in  " + describe(v, plan));
        }
        for (Value v : n.outputs()) lines.add(" *   out " + describe(v, plan));
        if (macs > 0) lines.add(" *   MACs: " + macs);
        if (n.output().isStreamed()) lines.add(" *   no code: converted window by window as the windows are read");
        else if (LifetimeAnalysis.isAlias(n)) lines.add(" *   no code: the output is a view of the input's bytes");
        else if (plan.isNoOp(n)) lines.add(" *   no code: the producers wrote each input straight into its slice of the output");
        InPlace ip = plan.inPlace(n);
        if (ip != null && ip.isOverlap())
            lines.add(" *   overlapped: the output starts " + -ip.shift() + " bytes before %" + CNames.comment(n.input(0).name())
                    + " and, in pixel order, overwrites only input pixels no later window reads");
        else if (ip != null) lines.add(" *   in place (" + ip.scheme() + "): the output overwrites %" + CNames.comment(n.input(ip.inputIndex()).name())
                + (ip.scratch() != null ? ", scratch arena[" + plan.offset(ip.scratch()) + ", "
                        + (plan.offset(ip.scratch()) + ip.scratch().bytes()) + ")" : ""));
        return lines;
    }

    private static String describe(Value v, MemoryPlan plan) {
        String where = v.isStreamed() ? "streamed (model_read_input_row), not held in memory"
                : v.isConstant() ? "flash, " + v.type().byteSize() + " bytes"
                : v.isVariable() ? "state (persists between invocations), " + v.type().byteSize() + " bytes"
                : (plan.area(v) == MemoryPlan.Area.IO ? "io[" : "arena[") + plan.offset(v) + ", " + (plan.offset(v) + v.type().byteSize()) + ")";
        return CNames.comment("%" + v.name()) + " " + typeText(v.type()) + " @ " + where;
    }

    private static String typeText(TensorType t) {
        return t.shapeString() + " " + t.elementType().shortName() + quantText(t.quant());
    }

    private static String quantText(Quant q) {
        if (q == null) return "";
        if (q.isPerChannel()) return ", per-channel q (" + q.channels() + " scales, axis " + q.axis() + ")";
        return ", q(scale " + q.scale() + ", zp " + q.zeroPoint() + ")";
    }
}
