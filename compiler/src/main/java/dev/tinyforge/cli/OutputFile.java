package dev.tinyforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.tinyforge.CompileException;

/** Writes a file through a temporary sibling so a failed run never leaves a partial file. */
final class OutputFile {
    private OutputFile() {}

    static void write(Path target, byte[] data) {
        Path abs = target.toAbsolutePath();
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial");
            Files.write(tmp, data);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CompileException("cannot write " + target + ": " + e.getMessage());
        }
    }
}
