package dev.tinyforge.board;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.report.FlashEstimate;

/**
 * What a firmware image of a compiled model will need, estimated before anything is written, and
 * the check against a board's memories. SRAM = arena (inputs and outputs live inside it) + stack +
 * the firmware's own static data; flash = the weight arrays the code reads + layer constants + code (the
 * report's estimate, {@link FlashEstimate}) + the sample input. The link step
 * checks again with exact sizes (the linker script's MEMORY lengths are the board's).
 */
public record MemoryBudget(long arenaBytes, long stackBytes, long staticRamBytes, long weightsBytes, long constantsBytes,
                           long codeBytes, long sampleInputBytes) {

    /** Firmware code outside the kernels: startup, main, console, libgcc/newlib pieces. */
    static final long BASE_CODE_BYTES = 4096;
    static final long BASE_STATIC_RAM_BYTES = 256;

    public static MemoryBudget of(CompiledModel cm, Board board, long sampleInputBytes) {
        int layers = cm.graph().nodes().size();
        long arena = align(cm.plan().arenaBytes(), 16);
        // the report's estimate (dev.tinyforge.report.FlashEstimate), plus the firmware's own code
        FlashEstimate.Flash flash = FlashEstimate.of(cm);
        long staticRam = BASE_STATIC_RAM_BYTES + 4L * layers; // per-layer cycle stamps when profiling
        return new MemoryBudget(arena, board.stackBytes(), staticRam, flash.weights(), flash.constants(),
                BASE_CODE_BYTES + flash.code(), sampleInputBytes);
    }

    public long sramBytes() { return arenaBytes + stackBytes + staticRamBytes; }

    public long flashBytes() { return weightsBytes + constantsBytes + codeBytes + sampleInputBytes; }

    /** Bytes needed in each of the board's memory regions, following its placement. */
    public Map<String, Long> perRegion(Board b) {
        Map<String, Long> need = new LinkedHashMap<>();
        for (Memory m : b.memories()) need.put(m.name(), 0L);
        Placement p = b.placement();
        need.merge(p.code(), codeBytes, Long::sum);
        // the linker script puts the weights, model.c's tables and the sample input in .weights
        need.merge(p.weights(), weightsBytes + constantsBytes + sampleInputBytes, Long::sum);
        need.merge(p.data(), staticRamBytes, Long::sum);
        need.merge(p.arena(), arenaBytes, Long::sum);
        need.merge(p.stack(), stackBytes, Long::sum);
        return need;
    }

    /** Throws a one-line CompileException naming SRAM and flash need, capacity and overflow when the model does not fit. */
    public void check(String model, Board b) {
        boolean sramOver = sramBytes() > b.sramBytes();
        boolean flashOver = flashBytes() > b.flashBytes();
        StringBuilder regions = new StringBuilder();
        for (Map.Entry<String, Long> e : perRegion(b).entrySet()) {
            Memory m = b.memory(e.getKey());
            // With one region of a kind the SRAM/flash totals already say it all.
            boolean several = b.memories().stream().filter(x -> x.type() == m.type()).count() > 1;
            if (several && e.getValue() > m.length())
                regions.append(String.format("; region %s needs %,d of %,d bytes", m.name(), e.getValue(), m.length()));
        }
        if (!sramOver && !flashOver && regions.length() == 0) return;
        throw new CompileException(String.format("model '%s' does not fit %s: %s; %s%s", model, b.name(),
                line("SRAM", sramBytes(), b.sramBytes(), String.format("arena %,d + stack %,d + static data %,d",
                        arenaBytes, stackBytes, staticRamBytes)),
                line("flash", flashBytes(), b.flashBytes(), String.format("weights %,d + layer constants ~%,d + code ~%,d"
                        + " + sample input %,d", weightsBytes, constantsBytes, codeBytes, sampleInputBytes)),
                regions));
    }

    private static String line(String what, long need, long have, String parts) {
        if (need <= have) return String.format("%s needs %,d bytes (%s) of %,d (fits)", what, need, parts, have);
        return String.format("%s needs %,d bytes (%s) but the board has %,d (over by %,d)", what, need, parts, have, need - have);
    }

    static long align(long v, long a) { return (v + a - 1) / a * a; }
}
