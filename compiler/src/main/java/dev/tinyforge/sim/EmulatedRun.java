package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.OutputDirectory;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.FirmwareProject;

/**
 * One inference of a compiled model as firmware under QEMU: generate the project for the board
 * (a real board runs on its emulated stand-in, with its own core flags and memory sizes), build it,
 * run it with a time limit and the instruction counter, and read the outputs back from the UART.
 */
public final class EmulatedRun {
    private EmulatedRun() {}

    /**
     * @param outputs  all outputs' bytes concatenated, as {@code tinyforge run} writes them
     * @param profile  exact instruction counts (per layer when built with profile)
     * @param size     measured section sizes of the emulated image
     * @param stackUsed the stack's high-water mark (bytes, measured by the firmware; -1 when it did not say)
     */
    public record Result(Board board, Board emulation, byte[] outputs, InstructionProfile profile, ElfSize size, String uart,
                         long stackUsed) {}

    public static Result run(CompiledModel cm, Board board, byte[] input, boolean profile, long timeoutSeconds) {
        return run(cm, board, input, profile, timeoutSeconds, null);
    }

    /** As {@link #run(CompiledModel, Board, byte[], boolean, long)}, keeping the project in {@code keepDir} when not null. */
    public static Result run(CompiledModel cm, Board board, byte[] input, boolean profile, long timeoutSeconds, Path keepDir) {
        if (board.isHost()) throw new IllegalArgumentException("host runs go through HostRunner");
        FirmwareProject project = FirmwareProject.generate(cm, board, input, "the run's input file");
        Board emulation = Boards.emulationOf(board);
        Path dir;
        try {
            dir = keepDir != null ? keepDir : Files.createTempDirectory("tinyforge-fw-");
            Files.createDirectories(dir);
            project.writeTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path elf = FirmwareBuilder.buildForEmulation(dir, board, profile);
            Symbols sym = Symbols.of(elf);
            Map<String, Long> marks = new LinkedHashMap<>();
            marks.put("begin", sym.address("tf_perf_begin"));
            marks.put("end", sym.address("tf_perf_end"));
            if (profile) marks.put("layer", sym.address("tf_profile_mark"));
            QemuRunner.Result r = QemuRunner.run(emulation.qemuMachine(), elf, marks, timeoutSeconds);
            String where = board.isReal() ? board.name() + " (on " + emulation.name() + ")" : board.name();
            if (r.timedOut()) throw new CompileException("the firmware did not finish within " + timeoutSeconds + " s on " + where);
            UartTranscript t = UartTranscript.parse(r.output());
            if (t.fault() != null) throw new CompileException("the firmware faulted on " + where + ": " + t.fault());
            if (r.exitCode() != 0 || !t.done())
                throw new CompileException("the firmware failed on " + where + " (exit " + r.exitCode() + "): "
                        + HostRunner.tail(r.output().trim(), 10));
            if (t.stackReserved() > 0 && t.stackUsed() >= t.stackReserved())
                throw new CompileException(String.format("the firmware overflowed its %,d-byte stack on %s (raise the board's stack_bytes)",
                        t.stackReserved(), where));
            InstructionProfile ip = InstructionProfile.from(r.marks(), profile ? cm.graph().nodes().size() : -1);
            return new Result(board, emulation, t.concatenated(), ip, ElfSize.of(elf), r.output(), t.stackUsed());
        } finally {
            if (keepDir == null) OutputDirectory.deleteTree(dir);
        }
    }
}
