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
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.plan.MemoryPlan;
import dev.tinyforge.plan.patch.PatchChoice;

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
        r.put("patch", patch(cm.patch()));
        r.put("input_stream", cm.options() == null ? "sram" : cm.options().patch().input().name().toLowerCase(java.util.Locale.ROOT));
        FlashEstimate.Flash flash = FlashEstimate.of(cm);
        r.put("weights_bytes", weightsBytes(g));
        // SRAM: peak = arena (activations, scratch, and the I/O when inside) + I/O held outside; not the stack.
        r.put("peak_sram_bytes", plan.peakSramBytes());
        r.put("arena_bytes", plan.arenaBytes());
        r.put("scratch_bytes", plan.scratchBytes());
        r.put("io_bytes", plan.ioBytes());
        r.put("io_in_arena", plan.ioInArena());
        r.put("stack_bytes", FlashEstimate.stackBytes(FlashEstimate.isaOf(cm)));
        r.put("stack_bytes_estimated", true);
        r.put("lower_bound_bytes", plan.lowerBound());
        r.put("inplace_lower_bound_bytes", plan.inPlaceLowerBound());
        // Flash: the weight arrays the code reads + layer constants + code.
        r.put("flash_bytes", flash.total());
        r.put("weights_linked_bytes", flash.weights());
        r.put("constants_bytes", flash.constants());
        r.put("code_bytes", flash.code());
        r.put("code_bytes_estimated", true);
        Map<String, Object> planner = new LinkedHashMap<>();
        planner.put("strategy", plan.strategy());
        planner.put("optimal", plan.optimal());
        planner.put("planning_ms", plan.planningMillis());
        planner.put("in_place", cm.options() == null || cm.options().inPlace());
        planner.put("overlap", cm.options() == null || cm.options().planOptions().overlap());
        planner.put("reorder", cm.options() == null || cm.options().reorder());
        planner.put("in_place_layers", plan.inPlace().size());
        planner.put("tried", plan.tried());
        r.put("planner", planner);
        r.put("inputs", io(g.inputs(), plan));
        r.put("outputs", io(g.outputs(), plan));
        List<Object> layers = new ArrayList<>();
        long[] live = plan.liveBytesPerStep();
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
            l.put("arena_offset", plan.contains(n.output()) ? plan.offset(n.output()) : null); // null: streamed, never stored
            l.put("arena_size", n.output().type().byteSize());
            l.put("live_bytes", live[i + 1]);
            InPlace ip = plan.inPlace(n);
            l.put("in_place", ip == null ? null : ip.scheme().name());
            l.put("scratch_bytes", ip == null || ip.scratch() == null ? 0 : ip.scratch().bytes());
            l.put("no_code", plan.isNoOp(n));
            layers.add(l);
        }
        r.put("layers", layers);
        return r;
    }

    /** The patch setting: null when layer by layer; MAC figures are the graph's before and after patching. */
    private static Map<String, Object> patch(PatchChoice p) {
        if (p == null || p.isOff()) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split_layer", p.spec().splitLayer());
        m.put("grid", new int[] {p.spec().rows(), p.spec().cols()});
        m.put("chosen_by", p.how().name().toLowerCase(java.util.Locale.ROOT));
        m.put("layer_wise_macs", p.macs());
        m.put("extra_macs", p.extraMacs());
        m.put("mac_overhead_percent", Math.round(p.macOverheadPercent() * 100) / 100.0);
        m.put("layer_wise_peak_sram_bytes", p.layerWisePeak());
        m.put("candidates", p.candidates());
        m.put("planned", p.planned());
        m.put("search_ms", p.searchMillis());
        return m;
    }

    private static String shortScheme(InPlace ip) {
        return switch (ip.scheme()) {
            case ELEMENTWISE, ELEMENTWISE_NARROWING -> "elemwise";
            case DEPTHWISE_CHANNEL_PLANES -> "dw-plane";
            case POINTWISE_PIXELS -> "1x1-pixel";
            case PIXEL_ORDER_OVERLAP -> "overlap";
        };
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
            m.put("area", v.isStreamed() ? "stream" : plan.area(v) == MemoryPlan.Area.IO ? "io" : "arena");
            m.put("arena_offset", v.isStreamed() ? null : plan.offset(v));
            r.add(m);
        }
        return r;
    }

    /** A human-readable table of the same facts. */
    public static String text(CompiledModel cm) {
        Graph g = cm.graph();
        MemoryPlan plan = cm.plan();
        StringBuilder b = new StringBuilder();
        long weights = weightsBytes(g);
        FlashEstimate.Flash flash = FlashEstimate.of(cm);
        b.append(String.format("model %s: %d layers, %,d MACs, weights %,d bytes, arena %,d bytes (lower bound %,d)%n",
                g.name(), g.nodes().size(), Macs.of(g), weights, plan.arenaBytes(), plan.lowerBound()));
        b.append(String.format("SRAM peak %,d bytes = arena %,d (incl. scratch %,d%s) + I/O outside %,d; stack ~%,d (estimate;"
                        + " `run` and `bench` measure it)%n",
                plan.peakSramBytes(), plan.arenaBytes(), plan.scratchBytes(),
                plan.ioInArena() ? ", incl. I/O " + String.format("%,d", plan.ioBytes()) : "", plan.ioAreaBytes(),
                FlashEstimate.stackBytes(FlashEstimate.isaOf(cm))));
        b.append(String.format("lower bounds: layer-wise %,d, with this plan's in-place pairs %,d; planner %s%s, %d in-place layers, %d ms%n",
                plan.lowerBound(), plan.inPlaceLowerBound(), plan.strategy(), plan.optimal() ? " (optimal)" : "",
                plan.inPlace().size(), plan.planningMillis()));
        if (cm.patch() != null && (!cm.patch().isOff() || cm.patch().how() == dev.tinyforge.plan.patch.PatchRequest.Mode.AUTO)) {
            b.append(cm.patch().isOff() ? String.format("patch auto: layer by layer (no setting within the MAC bound saved enough; "
                    + "%d settings costed, %d planned, %d ms)%n", cm.patch().candidates(), cm.patch().planned(), cm.patch().searchMillis())
                    : cm.patch() + String.format("; peak SRAM layer-wise %,d B, %,d B saved%n", cm.patch().layerWisePeak(),
                    cm.patch().layerWisePeak() - plan.peakSramBytes()));
        }
        b.append(String.format("flash ~%,d bytes = weights %,d%s + layer constants ~%,d + code ~%,d (estimates)%n",
                flash.total(), flash.weights(), flash.weights() == weights ? ""
                        : String.format(" (of the model's %,d: kernels read the rest as rearranged layer constants)", weights),
                flash.constants(), flash.code()));
        b.append(String.format("%4s  %-18s %-16s %-5s %12s %10s %10s  %-9s %s%n", "#", "op", "output", "type", "MACs", "arena@",
                "live", "in-place", "name"));
        long[] live = plan.liveBytesPerStep();
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            InPlace ip = plan.inPlace(n);
            String how = ip != null ? shortScheme(ip) : plan.isNoOp(n) ? "view" : n.output().isStreamed() ? "streamed" : "";
            b.append(String.format("%4d  %-18s %-16s %-5s %,12d %10d %,10d  %-9s %s%n", i, n.kind().name(),
                    n.output().type().shapeString(), n.output().type().elementType().shortName(), Macs.of(n),
                    plan.contains(n.output()) ? plan.offset(n.output()) : -1, live[i + 1], how, n.name()));
        }
        return b.toString();
    }
}
