package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.FirmwareProject;
import dev.tinyforge.OutputDirectory;

/**
 * The exact memory use of a compiled model's firmware for a board: the example project is generated in a temporary
 * folder, built with the board's own flags and linker script (arm-none-eabi-gcc), measured from the ELF's sections
 * and deleted. A model that does not fit fails at the link with the linker's region message.
 */
public final class LinkedSize {
    private LinkedSize() {}

    public static ElfSize of(CompiledModel cm, Board board) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tinyforge-link-");
            FirmwareProject.generate(cm, board, null, null).writeTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return ElfSize.of(FirmwareBuilder.buildForBoard(dir, false));
        } finally {
            OutputDirectory.deleteTree(dir);
        }
    }
}
