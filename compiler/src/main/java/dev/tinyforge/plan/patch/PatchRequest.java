package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;

/**
 * What the user asked of patch-based inference: {@code off}, {@code auto} (search split layer and grid for
 * the least peak SRAM within a bound on extra MACs) or a fixed {@code NxM@L}; and where the input image lives.
 *
 * @param mode                off, auto or fixed
 * @param fixed               the grid and split layer when fixed, else null
 * @param maxOverheadPercent  auto: the most extra MACs (percent of the layer-wise MACs) a setting may cost
 * @param sramLimitBytes      auto: the board's SRAM (0 when unknown); when the layer-wise plan does not fit,
 *                            any saving is worth taking, otherwise auto patches only when it saves at least
 *                            {@link #MIN_SAVING_PERCENT} of the peak
 * @param input               where the input image lives: in SRAM, or streamed window by window
 */
public record PatchRequest(Mode mode, PatchSpec fixed, double maxOverheadPercent, long sramLimitBytes, InputSource input) {

    public enum Mode { OFF, AUTO, FIXED }

    public static final double DEFAULT_MAX_OVERHEAD_PERCENT = 15;

    /** Auto patches a model that already fits only when that saves at least this share of its peak SRAM. */
    public static final double MIN_SAVING_PERCENT = 10;

    public static final PatchRequest OFF = new PatchRequest(Mode.OFF, null, DEFAULT_MAX_OVERHEAD_PERCENT, 0, InputSource.SRAM);

    public static final PatchRequest AUTO = new PatchRequest(Mode.AUTO, null, DEFAULT_MAX_OVERHEAD_PERCENT, 0, InputSource.SRAM);

    public PatchRequest {
        if (input == null) input = InputSource.SRAM;
        if (mode == Mode.FIXED && fixed == null) throw new IllegalArgumentException("a fixed patch request needs its spec");
    }

    /** {@code off}, {@code auto} or {@code NxM@L}; {@code overhead} like {@code 15%} or {@code 15}. */
    public static PatchRequest parse(String patch, String overhead) {
        double max = parseOverhead(overhead);
        String p = patch == null ? "off" : patch.trim();
        if (p.equals("auto")) return new PatchRequest(Mode.AUTO, null, max, 0, InputSource.SRAM);
        PatchSpec spec = PatchSpec.parse(p);
        return spec == null ? new PatchRequest(Mode.OFF, null, max, 0, InputSource.SRAM)
                : new PatchRequest(Mode.FIXED, spec, max, 0, InputSource.SRAM);
    }

    static double parseOverhead(String text) {
        if (text == null) return DEFAULT_MAX_OVERHEAD_PERCENT;
        String t = text.trim();
        if (t.endsWith("%")) t = t.substring(0, t.length() - 1).trim();
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new CompileException("--patch-max-overhead expects a percentage like 15% or 7.5, got '" + text + "'");
        }
    }

    public PatchRequest withSramLimit(long bytes) { return new PatchRequest(mode, fixed, maxOverheadPercent, bytes, input); }

    public PatchRequest withInput(InputSource where) { return new PatchRequest(mode, fixed, maxOverheadPercent, sramLimitBytes, where); }
}
