package dev.tinyforge.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.CompileException;
import dev.tinyforge.board.Board;

/** Builds a generated firmware project with its Makefile (arm-none-eabi-gcc). */
public final class FirmwareBuilder {
    private FirmwareBuilder() {}

    /** Builds the image that runs under QEMU (the board itself, or a real board's stand-in); returns the ELF. */
    public static Path buildForEmulation(Path project, Board board, boolean profile) {
        make(project, "sim-elf", profile);
        return emulationElf(project, board, profile);
    }

    /** Builds the board's own image (ELF, HEX, BIN); returns the ELF. */
    public static Path buildForBoard(Path project, boolean profile) {
        make(project, "all", profile);
        return project.resolve(buildDir(profile)).resolve("board/firmware.elf");
    }

    public static Path emulationElf(Path project, Board board, boolean profile) {
        return project.resolve(buildDir(profile)).resolve(board.isReal() ? "sim" : "board").resolve("firmware.elf");
    }

    static String buildDir(boolean profile) { return profile ? "build-profile" : "build"; }

    /** The line that says what went wrong (compiler error, undefined reference, region overflow). */
    static String firstError(String output) {
        for (String line : output.split("\n"))
            if (line.contains("error:") || line.contains("undefined reference") || line.contains("overflowed")) return line.trim();
        return "see the output below";
    }

    private static void make(Path project, String target, boolean profile) {
        CrossTools.requireCrossCompiler();
        List<String> cmd = new ArrayList<>(List.of("make", "-s", "-j2", target));
        if (profile) cmd.add("PROFILE=1");
        Processes.Result r = Processes.run(cmd, project, 900);
        if (r.timedOut()) throw new CompileException("firmware build timed out in " + project);
        if (r.exitCode() != 0)
            throw new CompileException("firmware build failed in " + project + ": " + firstError(r.output()) + "\n"
                    + HostRunner.tail(r.output(), 40));
        if (!Files.isDirectory(project.resolve(buildDir(profile))))
            throw new CompileException("firmware build in " + project + " produced nothing");
    }
}
