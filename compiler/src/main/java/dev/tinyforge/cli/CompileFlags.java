package dev.tinyforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tinyforge.CompileException;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.report.MemorySvg;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Memory options shared by the commands that compile (a picocli mixin). */
public final class CompileFlags {
    @Option(names = "--no-inplace", description = "no in-place execution (depthwise, 1x1 conv, elementwise), no overlapped layers (output over the input's consumed pixels) and no concatenation written in place")
    boolean noInPlace;

    @Option(names = "--no-overlap", description = "no overlapped layers (output over the input's consumed pixels); "
            + "keeps the channel-plane DSP depthwise kernels where an overlap would have saved memory")
    boolean noOverlap;

    @Option(names = "--no-reorder", description = "keep the model file's execution order instead of the one with the least memory")
    boolean noReorder;

    @Option(names = "--io-outside-arena", description = "hold the model's input and output in their own buffers, outside the arena (counted in io_bytes and peak_sram_bytes)")
    boolean ioOutside;

    @Mixin PatchFlags patch = new PatchFlags();

    @Option(names = "--memory-svg", paramLabel = "FILE", description = "write a picture of the arena over time (SVG)")
    Path memorySvg;

    /** The options; {@code sramBytes} is the board's SRAM for --patch auto (0 when there is no board). */
    public CompileOptions options(long sramBytes) {
        return CompileOptions.DEFAULT.withInPlace(!noInPlace).withOverlap(!noOverlap).withReorder(!noReorder)
                .withIoInArena(!ioOutside).withPatch(patch.request(sramBytes));
    }

    /** Writes the SVG if asked. */
    public void writeOutputs(CompiledModel cm) {
        if (memorySvg == null) return;
        try {
            Path parent = memorySvg.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(memorySvg, MemorySvg.render(cm.graph(), cm.plan(), cm.patch()));
        } catch (IOException e) {
            throw new CompileException("cannot write " + memorySvg + ": " + e.getMessage());
        }
    }
}
