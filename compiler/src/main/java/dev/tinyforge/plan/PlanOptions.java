package dev.tinyforge.plan;

/**
 * Switches of the memory planner.
 *
 * @param inPlace       let kernels write over dead inputs (depthwise, 1x1 conv, elementwise, quantize) and
 *                      let producers write straight into a concatenation's slices
 * @param ioInArena     keep the model's input and output buffers inside the arena (they share bytes with
 *                      activations over time); otherwise they are separate buffers, counted in io_bytes
 * @param exactMillis   budget of the exact (branch and bound) offset search, in units of about a millisecond of
 *                      search (ExactPlacement.NODES_PER_MILLI nodes: counted, not timed); 0 turns it off
 * @param overlap       (with inPlace) let pixel-order sliding-window layers start their output before their
 *                      input, over the input pixels already consumed ({@link InPlaceScheme#PIXEL_ORDER_OVERLAP})
 * @param planeDepthwise the target has fast channel-plane depthwise kernels (DSP) for multiplier 1: keep those
 *                      layers off overlap, which would need the much slower pixel-order kernel (measured on
 *                      Cortex-M7: +7% instructions on mcunet-vww and person_detect for 352 and 560 bytes less)
 */
public record PlanOptions(boolean inPlace, boolean ioInArena, long exactMillis, boolean overlap, boolean planeDepthwise) {
    /** Overlap follows in-place: on with it, off without it; any depthwise may overlap. */
    public PlanOptions(boolean inPlace, boolean ioInArena, long exactMillis) {
        this(inPlace, ioInArena, exactMillis, inPlace, false);
    }

    public PlanOptions(boolean inPlace, boolean ioInArena, long exactMillis, boolean overlap) {
        this(inPlace, ioInArena, exactMillis, overlap, false);
    }

    public PlanOptions {
        overlap = overlap && inPlace;
    }

    public static final PlanOptions DEFAULT = new PlanOptions(true, true, 300);

    /** No in-place execution, I/O in the arena: the layer-wise plan every other compiler would make. */
    public static final PlanOptions LAYER_WISE = new PlanOptions(false, true, 300);
}
