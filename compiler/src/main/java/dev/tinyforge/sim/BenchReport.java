package dev.tinyforge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.report.ModelReport;

/**
 * Benchmark results of a profiled emulated run as text and JSON. The JSON is the model report
 * ({@link ModelReport#json}) with fields added: board, emulator, instructions, macs_per_instruction,
 * flash_bytes and sram_bytes (measured from the linked image) and per-layer instructions.
 */
public final class BenchReport {
    private BenchReport() {}

    public static Map<String, Object> json(CompiledModel cm, EmulatedRun.Result r) {
        Map<String, Object> j = ModelReport.json(cm);
        long macs = Macs.of(cm.graph());
        j.put("board", r.board().name());
        j.put("emulator", "qemu-system-arm -M " + r.emulation().qemuMachine());
        j.put("instructions", r.profile().inference());
        j.put("macs_per_instruction", ratio(macs, r.profile().inference()));
        j.put("flash_bytes", r.size().flashBytes());
        j.put("sram_bytes", r.size().sramBytes());
        j.put("stack_used_bytes", r.stackUsed());
        @SuppressWarnings("unchecked") List<Object> layers = (List<Object>) j.get("layers");
        for (int i = 0; i < layers.size() && i < r.profile().layers().length; i++) {
            @SuppressWarnings("unchecked") Map<String, Object> l = (Map<String, Object>) layers.get(i);
            l.put("instructions", r.profile().layers()[i]);
        }
        return j;
    }

    /** Per-layer table (layer, op, MACs, instructions, MACs/instruction), totals and the per-op-type table. */
    public static String layerTable(CompiledModel cm, EmulatedRun.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("model %s on %s%s%n", cm.graph().name(), r.board().name(),
                r.board().isReal() ? " (emulated by " + r.emulation().name() + ")" : ""));
        b.append(String.format("%4s  %-22s %14s %14s %11s  %s%n", "#", "op", "MACs", "instructions", "MACs/instr", "name"));
        List<Node> nodes = cm.graph().nodes();
        long[] layers = r.profile().layers();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            long macs = Macs.of(n);
            long instr = i < layers.length ? layers[i] : 0;
            b.append(String.format("%4d  %-22s %,14d %,14d %11s  %s%n", i, n.kind().name(), macs, instr,
                    macs == 0 ? "-" : String.format("%.3f", ratio(macs, instr)), n.name()));
        }
        long macs = Macs.of(cm.graph());
        b.append(String.format("%4s  %-22s %,14d %,14d %11.3f%n", "", "total", macs, r.profile().inference(),
                ratio(macs, r.profile().inference())));
        b.append(opTypeTable(cm, r));
        b.append(String.format("flash %,d bytes, SRAM %,d bytes (measured from the image: weights %,d, arena %,d, stack %,d"
                        + " of which the inference used %,d)%n",
                r.size().flashBytes(), r.size().sramBytes(), r.size().section(".weights"), r.size().section(".arena"),
                r.size().section(".stack"), r.stackUsed()));
        return b.toString();
    }

    /**
     * Per op type (kind, and for convolutions the filter shape, e.g. CONV_2D 1x1): MACs, instructions and
     * MACs/instruction over all its layers, most instructions first, so the weakest kernel is visible.
     */
    public static String opTypeTable(CompiledModel cm, EmulatedRun.Result r) {
        Map<String, long[]> byType = byOpType(cm, r);
        long total = r.profile().inference();
        StringBuilder b = new StringBuilder(String.format("%nper op type:%n%-26s %6s %14s %14s %7s %11s%n", "op type", "layers",
                "MACs", "instructions", "share", "MACs/instr"));
        byType.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).forEach(e -> {
            long[] t = e.getValue();
            b.append(String.format("%-26s %6d %,14d %,14d %6.1f%% %11s%n", e.getKey(), t[2], t[0], t[1],
                    total == 0 ? 0.0 : 100.0 * t[1] / total, t[0] == 0 ? "-" : String.format("%.3f", ratio(t[0], t[1]))));
        });
        return b.toString();
    }

    /** Per op type ({@link #opType}), in layer order: {MACs, instructions, layers} summed over its layers. */
    public static Map<String, long[]> byOpType(CompiledModel cm, EmulatedRun.Result r) {
        Map<String, long[]> byType = new LinkedHashMap<>();
        List<Node> nodes = cm.graph().nodes();
        long[] layers = r.profile().layers();
        for (int i = 0; i < nodes.size() && i < layers.length; i++) {
            long[] t = byType.computeIfAbsent(opType(nodes.get(i)), k -> new long[3]);
            t[0] += Macs.of(nodes.get(i));
            t[1] += layers[i];
            t[2]++;
        }
        return byType;
    }

    /** The op kind, with the filter's height x width for convolutions (their kernels differ by it). */
    static String opType(Node n) {
        String kind = n.kind().name();
        if ((n.kind() == OpKind.CONV_2D || n.kind() == OpKind.DEPTHWISE_CONV_2D) && n.inputs().size() > 1 && n.input(1) != null) {
            int[] f = n.input(1).type().shape();
            if (f.length == 4) return kind + " " + f[1] + "x" + f[2];
        }
        return kind;
    }

    /** One summary row per model, for several models at once. */
    public static Map<String, Object> summary(String model, CompiledModel cm, EmulatedRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        long macs = Macs.of(cm.graph());
        m.put("model", model);
        m.put("board", r.board().name());
        m.put("macs", macs);
        m.put("instructions", r.profile().inference());
        m.put("macs_per_instruction", ratio(macs, r.profile().inference()));
        m.put("sram_bytes", r.size().sramBytes());
        m.put("flash_bytes", r.size().flashBytes());
        m.put("stack_used_bytes", r.stackUsed());
        m.put("arena_bytes", cm.plan().arenaBytes());
        m.put("weights_bytes", ModelReport.weightsBytes(cm.graph()));
        return m;
    }

    public static String summaryTable(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %14s %15s %10s %12s %12s%n", "model", "MACs", "instructions", "MACs/instr", "peak SRAM", "flash"));
        for (Map<String, Object> r : rows) {
            if (r.containsKey("error")) {
                b.append(String.format("%-28s %s%n", r.get("model"), "failed: " + r.get("error")));
                continue;
            }
            b.append(String.format("%-28s %,14d %,15d %10.3f %,12d %,12d%n", r.get("model"), r.get("macs"), r.get("instructions"),
                    r.get("macs_per_instruction"), r.get("sram_bytes"), r.get("flash_bytes")));
        }
        return b.toString();
    }

    static double ratio(long macs, long instructions) {
        return instructions == 0 ? 0 : Math.round(macs * 1e4 / instructions) / 1e4;
    }

    static List<Object> list() { return new ArrayList<>(); }
}
