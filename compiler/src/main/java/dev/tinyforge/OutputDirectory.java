package dev.tinyforge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes an output directory all at once: everything goes into a fresh sibling directory that replaces
 * the target only when complete, so a failure never leaves a half-written project behind.
 */
public final class OutputDirectory {
    private OutputDirectory() {}

    public interface Writer {
        void write(Path dir) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path staging = null;
        try {
            if (Files.exists(abs) && !Files.isDirectory(abs)) throw new CompileException(target + " exists and is not a directory");
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
            writer.write(staging);
            if (Files.exists(abs)) deleteTree(abs);
            try {
                Files.move(staging, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, abs);
            }
            staging = null;
        } catch (IOException e) {
            throw new CompileException("cannot write " + target + ": " + e.getMessage());
        } finally {
            if (staging != null) deleteTree(staging);
        }
    }

    public static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
