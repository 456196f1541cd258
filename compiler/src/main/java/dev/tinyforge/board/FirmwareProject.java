package dev.tinyforge.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.backend.c.Templates;

/**
 * A complete firmware project for one board: the generated model (model.c/h, weights, runtime
 * kernels), board support under board/ (and, for a real board, its QEMU stand-in under sim/), an
 * example main.c with the sample input, the instruction-counter plugin source, a Makefile and, where
 * Renode models the board, a Renode script and robot test.
 *
 * <p>{@link #generate} checks first that the model fits the board's SRAM and flash.
 */
public record FirmwareProject(CompiledModel model, Board board, Map<String, String> files) {

    public static final String PLUGIN_RESOURCE = "/qemu-plugin/tf_icount.c";

    /**
     * @param sampleInput the raw input bytes main.c feeds the model (all inputs concatenated), or
     *                    null for {@link SampleInput}'s deterministic pattern
     * @param origin      where the input came from, for comments ("file in.bin")
     */
    public static FirmwareProject generate(CompiledModel cm, Board board, byte[] sampleInput, String origin) {
        if (board.isHost()) throw new IllegalArgumentException("the host board has no firmware project");
        long need = cm.graph().inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
        byte[] input = sampleInput != null ? sampleInput : SampleInput.of(cm.graph());
        if (input.length != need)
            throw new CompileException("the sample input holds " + input.length + " bytes; the model's inputs need " + need);
        MemoryBudget.of(cm, board, input.length).check(cm.graph().name(), board);

        Board sim = Boards.emulationOf(board);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("modelName", cm.graph().name().replace("*/", "* /").replace("\"", "'"));
        p.put("boardName", board.name());
        p.put("real", board.isReal());
        p.put("emulatedOnly", board.isEmulated());
        p.put("renode", board.hasRenode());
        p.put("runtimeSources", cm.code().runtimeSources().stream().toList());
        p.put("sampleInputOrigin", sampleInput != null ? origin : "deterministic pseudo-random pattern");
        p.put("sampleInputBytes", input.length);
        p.put("sampleInputAlloc", Math.max(1, input.length));
        p.put("sampleInputElements", byteElements(input));
        Map<String, Object> b = FirmwareTemplateData.of(board);
        Map<String, Object> s = FirmwareTemplateData.of(sim);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("board.h", render("boardH", Map.of()));
        files.put("main.c", render("mainC", Map.of("p", p)));
        files.put("sample_input.h", render("sampleInputH", Map.of("p", p)));
        files.put("sample_input.c", render("sampleInputC", Map.of("p", p)));
        files.put("Makefile", render("makefile", Map.of("p", p, "b", b, "s", s)));
        boardFiles(files, "board", board, b, p);
        if (board.isReal()) boardFiles(files, "sim", sim, s, p);
        files.put("host/board_host.c", render("hostBoard", Map.of()));
        files.put("host/board_config.h", render("hostConfig", Map.of("p", p)));
        files.put("tools/tf_icount.c", pluginSource());
        files.put("tools/icount.awk", render("icountAwk", Map.of()));
        files.put("tools/hotspots.awk", render("hotspotsAwk", Map.of()));
        if (board.hasRenode()) {
            files.put("renode/" + board.name() + ".resc", render("renodeScript", Map.of("p", p, "b", b)));
            files.put("renode/" + board.name() + ".robot", render("renodeRobot", Map.of("p", p, "b", b)));
        }
        return new FirmwareProject(cm, board, files);
    }

    private static void boardFiles(Map<String, String> files, String dir, Board board, Map<String, Object> b,
                                   Map<String, Object> p) {
        files.put(dir + "/board_config.h", render("boardConfig", Map.of("b", b, "p", p)));
        files.put(dir + "/link.ld", render("linkerScript", Map.of("b", b)));
        files.put(dir + "/startup.c", render("startup", Map.of("b", b)));
        files.put(dir + "/board.c", render("boardSupport", Map.of("b", b)));
        String console = switch (board.consoleDriver()) {
            case "board" -> board.files().get("console.c");
            case "cmsdk-uart" -> render("consoleCmsdk", Map.of("b", b));
            case "stm32-usart-v1" -> render("consoleStm32v1", Map.of("b", b));
            case "nrf-uart" -> render("consoleNrfUart", Map.of("b", b));
            default -> throw new CompileException("board " + board.name() + ": unknown console driver " + board.consoleDriver());
        };
        files.put(dir + "/console.c", console);
    }

    /** Writes the project into {@code dir} (which must exist): model sources, runtime, board files. */
    public void writeTo(Path dir) throws IOException {
        model.code().writeTo(dir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
    }

    private static String render(String template, Map<String, ?> data) {
        return Templates.render("firmware", template, data);
    }

    public static String pluginSource() {
        try (InputStream in = FirmwareProject.class.getResourceAsStream(PLUGIN_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the QEMU plugin source is not bundled; rebuild the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String byteElements(byte[] bytes) {
        if (bytes.length == 0) return "    0";
        StringBuilder b = new StringBuilder(bytes.length * 6);
        for (int i = 0; i < bytes.length; i++) {
            b.append(i % 16 == 0 ? (i == 0 ? "    " : ",\n    ") : ", ");
            b.append(String.format("0x%02x", bytes[i] & 0xFF));
        }
        return b.toString();
    }
}
