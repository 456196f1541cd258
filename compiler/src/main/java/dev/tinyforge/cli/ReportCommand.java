package dev.tinyforge.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.MemoryBudget;
import dev.tinyforge.report.ModelReport;
import dev.tinyforge.sim.ElfSize;
import dev.tinyforge.sim.LinkedSize;
import dev.tinyforge.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Compiles a model and reports MACs, weights, arena and per-layer costs (text, or JSON with --json).")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite file") Path model;

    @Mixin CompileFlags flags = new CompileFlags();

    @Option(names = "--json", description = "print one JSON object") boolean json;

    @Option(names = "--board", defaultValue = "host",
            description = "plan for this board's kernels and SRAM (--patch auto) and say whether it fits (default: ${DEFAULT-VALUE})")
    String board;

    @Option(names = "--link", description = "also build the board's firmware (arm-none-eabi-gcc) and report its exact flash and SRAM")
    boolean link;

    @Override public Integer call() {
        Board b = Boards.get(board);
        CompiledModel cm = Compiler.compile(Compiler.load(model), flags.options(b.isHost() ? 0 : b.sramBytes()).withIsa(b.isa()));
        flags.writeOutputs(cm);
        Map<String, Object> report = ModelReport.json(cm);
        String fit = "";
        if (!b.isHost()) {
            MemoryBudget budget = MemoryBudget.of(cm, b, 0);
            boolean fits = budget.sramBytes() <= b.sramBytes() && budget.flashBytes() <= b.flashBytes();
            report.put("board", b.name());
            report.put("sram_estimate_bytes", budget.sramBytes());
            report.put("flash_estimate_bytes", budget.flashBytes());
            report.put("fits", fits);
            fit = String.format("%s %s: SRAM ~%,d of %,d bytes, flash ~%,d of %,d bytes (estimates; the link checks exactly)%n",
                    fits ? "fits" : "DOES NOT FIT", b.name(), budget.sramBytes(), b.sramBytes(), budget.flashBytes(), b.flashBytes());
            if (link) {
                ElfSize linked = LinkedSize.of(cm, b);
                report.put("flash_linked_bytes", linked.flashBytes());
                report.put("sram_linked_bytes", linked.sramBytes());
                fit += String.format("linked for %s: flash %,d of %,d bytes, SRAM %,d of %,d bytes (exact: code %,d,"
                                + " weights, model.c tables and sample input %,d, arena %,d, stack %,d)%n", b.name(), linked.flashBytes(), b.flashBytes(),
                        linked.sramBytes(), b.sramBytes(), linked.section(".text"), linked.section(".weights"),
                        linked.section(".arena"), linked.section(".stack"));
            }
        } else if (link) {
            throw new dev.tinyforge.CompileException("report --link needs a board (--board): the host build has no linker script");
        }
        System.out.print(json ? Json.write(report) : ModelReport.text(cm) + fit);
        return 0;
    }
}
