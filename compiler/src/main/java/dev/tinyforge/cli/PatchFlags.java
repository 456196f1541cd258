package dev.tinyforge.cli;

import dev.tinyforge.plan.patch.InputSource;
import dev.tinyforge.plan.patch.PatchRequest;
import picocli.CommandLine.Option;

/** The patch-based inference flags, shared by compile, report, run and bench (a picocli mixin). */
public final class PatchFlags {
    @Option(names = "--patch", paramLabel = "auto|off|NxM@L", defaultValue = "auto",
            description = {"patch-based inference: run layers 0..L (after the default passes) as an N x M grid of patches into L's full output map.",
                    "auto (default): the split and grid with the least peak SRAM within --patch-max-overhead, used when the layer-wise plan",
                    "does not fit the board or when it saves at least 10%% of the peak; off: layer by layer"})
    String patch;

    @Option(names = "--patch-max-overhead", paramLabel = "PERCENT", defaultValue = "15%",
            description = "--patch auto: the most extra MACs (recomputed halos) a patch setting may cost (default: ${DEFAULT-VALUE})")
    String maxOverhead;

    @Option(names = "--input-stream", paramLabel = "sram|flash|callback", defaultValue = "sram",
            description = {"sram (default): the whole input is written to model_input() before each inference;",
                    "flash / callback: the first layers read only the input rows they need through model_read_input_row()",
                    "(default: from the pointer given to model_set_input_source(), e.g. a const image in flash; override it to stream)"})
    String inputStream;

    /** The request; {@code sramBytes} is the board's SRAM (0 when there is no board). */
    public PatchRequest request(long sramBytes) {
        return PatchRequest.parse(patch, maxOverhead).withSramLimit(sramBytes).withInput(InputSource.parse(inputStream));
    }
}
