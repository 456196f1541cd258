package dev.tinyforge.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.tinyforge.CompileException;

/**
 * Every board tinyforge knows, read once from the bundled {@code boards/} folder (one sub-folder per
 * board with a board.json and the few files that cannot be generated).
 */
public final class Boards {
    private static Map<String, Board> all;

    private Boards() {}

    /** The board with this name, or a CompileException listing the known ones. */
    public static Board get(String name) {
        Board b = load().get(name);
        if (b == null) throw new CompileException("unknown board '" + name + "'; available: " + String.join(", ", load().keySet()));
        return b;
    }

    /** All boards, sorted by name. */
    public static List<Board> all() { return new ArrayList<>(load().values()); }

    /**
     * The board a firmware image actually runs on under QEMU: the board itself when emulated, else a
     * stand-in built from its emulator with the real board's core flags and memory sizes.
     */
    public static Board emulationOf(Board b) {
        if (b.isEmulated()) return b;
        if (b.isHost()) throw new CompileException("the host board runs natively, not under QEMU");
        return StandIn.of(b, get(b.emulator()));
    }

    private static synchronized Map<String, Board> load() {
        if (all != null) return all;
        Map<String, Board> boards = new TreeMap<>();
        Path root = locate();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path json = dir.resolve("board.json");
                if (!Files.exists(json)) continue;
                Map<String, String> files = new TreeMap<>();
                try (Stream<Path> fs = Files.list(dir)) {
                    for (Path f : fs.filter(Files::isRegularFile).toList()) {
                        String n = f.getFileName().toString();
                        if (!n.equals("board.json")) files.put(n, Files.readString(f));
                    }
                }
                Board b = BoardFile.parse("boards/" + dir.getFileName() + "/board.json", Files.readString(json), files);
                if (!b.name().equals(dir.getFileName().toString().replace("/", "")))
                    throw new CompileException("boards/" + dir.getFileName() + "/board.json names itself '" + b.name() + "'");
                boards.put(b.name(), b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Board b : boards.values())
            if (b.isReal() && (!boards.containsKey(b.emulator()) || !boards.get(b.emulator()).isEmulated()))
                throw new CompileException("board " + b.name() + " names emulator '" + b.emulator() + "', which is not an emulated board");
        all = boards;
        return all;
    }

    private static Path locate() {
        return dev.tinyforge.util.BundledDirectory.locate("boards", "host/board.json");
    }
}
