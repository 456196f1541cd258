package dev.tinyforge;

import dev.tinyforge.plan.PlanOptions;
import dev.tinyforge.plan.patch.PatchRequest;

/**
 * How to compile, beyond the pass pipeline: the memory optimizations (each can be switched off, and the
 * defaults have all of them on) and where the model's I/O lives.
 *
 * @param inPlace      in-place execution (depthwise, 1x1 conv, elementwise, quantize), overlapped
 *                     sliding-window layers (output over the input's consumed pixels) and concatenations
 *                     written in place by their producers
 * @param reorder      choose the execution order of branches that needs the least memory
 * @param ioInArena    model input and output inside the arena (false: separate buffers, counted as io)
 * @param exactMillis  budget of the exact offset search per plan (search nodes counted in units of about a
 *                     millisecond, see PlanOptions; not timed, so plans do not depend on the machine)
 * @param isa          the target core's instruction-set extensions: which kernel variants may be chosen
 * @param overlap      (with inPlace) overlapped sliding-window layers; off keeps in place at one offset only
 *                     (an overlapped depthwise cannot use the channel-plane DSP kernels, so on DSP targets
 *                     multiplier-1 depthwise layers are not overlapped)
 * @param patch        patch-based inference (off, auto or a fixed grid) and where the input lives
 */
public record CompileOptions(boolean inPlace, boolean reorder, boolean ioInArena, long exactMillis, Isa isa,
                             boolean overlap, PatchRequest patch) {
    public CompileOptions {
        if (isa == null) isa = Isa.PORTABLE;
        if (patch == null) patch = PatchRequest.OFF;
    }

    /** Layer by layer (no patches), input in SRAM; overlap follows in-place. */
    public CompileOptions(boolean inPlace, boolean reorder, boolean ioInArena, long exactMillis, Isa isa) {
        this(inPlace, reorder, ioInArena, exactMillis, isa, inPlace, PatchRequest.OFF);
    }

    /** Everything on, I/O in the arena, portable C kernels. */
    public static final CompileOptions DEFAULT = new CompileOptions(true, true, true, 300, Isa.PORTABLE);

    /** A plain layer-wise plan: no in-place execution, the order the model file gives. */
    public static final CompileOptions NO_MEMORY_OPTIMIZATIONS = new CompileOptions(false, false, true, 300, Isa.PORTABLE);

    public CompileOptions withInPlace(boolean on) { return new CompileOptions(on, reorder, ioInArena, exactMillis, isa, overlap, patch); }

    public CompileOptions withReorder(boolean on) { return new CompileOptions(inPlace, on, ioInArena, exactMillis, isa, overlap, patch); }

    public CompileOptions withIoInArena(boolean on) { return new CompileOptions(inPlace, reorder, on, exactMillis, isa, overlap, patch); }

    public CompileOptions withIsa(Isa target) { return new CompileOptions(inPlace, reorder, ioInArena, exactMillis, target, overlap, patch); }

    public CompileOptions withOverlap(boolean on) { return new CompileOptions(inPlace, reorder, ioInArena, exactMillis, isa, on, patch); }

    public CompileOptions withPatch(PatchRequest p) { return new CompileOptions(inPlace, reorder, ioInArena, exactMillis, isa, overlap, p); }

    /** The planner's options; on DSP targets multiplier-1 depthwise layers keep their fast channel-plane kernels. */
    public PlanOptions planOptions() { return new PlanOptions(inPlace, ioInArena, exactMillis, overlap, isa.hasDsp()); }
}
