package dev.tinyforge.plan.patch;

import dev.tinyforge.ir.Value;

/**
 * The patch setting a compilation used and what it bought: MACs before and after (the patches recompute
 * their overlapping halos), and the peak SRAM of the layer-wise plan beside the patched one, both planned by
 * the real planner with the same options.
 *
 * @param spec            the grid and split layer, or null when the model runs layer by layer
 * @param how             off, fixed (given by the user) or auto (chosen by {@link PatchSearch}; may be off)
 * @param macs            MACs of the layer-wise graph
 * @param patchedMacs     MACs the patched graph executes (equal to macs when off)
 * @param layerWisePeak   peak SRAM bytes of the layer-wise plan (-1 when not planned)
 * @param patchedPeak     peak SRAM bytes of the chosen plan as the search saw it (before the final plan)
 * @param candidates      settings whose costs the search computed
 * @param planned         settings the search planned with the real planner
 * @param searchMillis    time the search took
 * @param splitMap        the value holding the split layer's full output map, assembled from the patches (null
 *                        when off): the patch stage is every step up to the one that produces it
 */
public record PatchChoice(PatchSpec spec, PatchRequest.Mode how, long macs, long patchedMacs, long layerWisePeak, long patchedPeak,
                          int candidates, int planned, long searchMillis, Value splitMap) {

    public boolean isOff() { return spec == null; }

    /** The last step of the patch stage in {@code g}'s execution order, or -1 when off. */
    public int lastPatchStep(dev.tinyforge.ir.Graph g) {
        return splitMap == null ? -1 : g.nodes().indexOf(splitMap.producer());
    }

    public long extraMacs() { return patchedMacs - macs; }

    public double macOverheadPercent() { return macs == 0 ? 0 : 100.0 * extraMacs() / macs; }

    @Override public String toString() {
        String by = how.name().toLowerCase(java.util.Locale.ROOT);
        if (spec == null) return "patch off (" + by + ")";
        return String.format("patch %s (%s): MACs %,d -> %,d (+%.2f%%)", spec, by, macs, patchedMacs, macOverheadPercent());
    }
}
