package dev.tinyforge.board;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tinyforge.CompileException;
import dev.tinyforge.util.Json;

/**
 * Parses one {@code board.json} into a {@link Board}, checking every field so that a typo in a board
 * file is reported by name instead of surfacing as a broken linker script.
 *
 * Sizes are numbers of bytes or strings like "320K", "2M"; addresses are numbers or "0x..." strings.
 */
final class BoardFile {
    private final String where;
    private final Map<String, Object> json;

    private BoardFile(String where, Map<String, Object> json) {
        this.where = where;
        this.json = json;
    }

    static Board parse(String where, String text, Map<String, String> files) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new CompileException(where + ": " + e.getMessage());
        }
        return new BoardFile(where, json).board(files);
    }

    private Board board(Map<String, String> files) {
        String name = string(json, "name");
        Board.Kind kind = switch (string(json, "kind")) {
            case "host" -> Board.Kind.HOST;
            case "real" -> Board.Kind.REAL;
            case "emulated" -> Board.Kind.EMULATED;
            default -> throw error("kind must be host, real or emulated");
        };
        String title = string(json, "title");
        if (kind == Board.Kind.HOST)
            return new Board(name, kind, title, "", "host", List.of(), 0, 0, 0, List.of(), null, 0, "-O2", "stdio", 0, -1,
                    "stdout", "none", "", null, null, null, null, Map.of());

        List<Memory> memories = new ArrayList<>();
        for (Object o : list(json, "memories")) {
            Map<String, Object> m = map(o, "memories[]");
            String type = string(m, "type");
            if (!type.equals("flash") && !type.equals("ram")) throw error("memory type must be flash or ram");
            memories.add(new Memory(string(m, "name"), number(m, "origin"), number(m, "size"),
                    type.equals("flash") ? Memory.Type.FLASH : Memory.Type.RAM));
        }
        Map<String, Object> p = map(json.get("placement"), "placement");
        Placement placement = new Placement(string(p, "code"), string(p, "weights"), string(p, "data"), string(p, "arena"),
                string(p, "stack"));
        for (String region : List.of(placement.code(), placement.weights(), placement.data(), placement.arena(), placement.stack()))
            if (memories.stream().noneMatch(m -> m.name().equals(region))) throw error("placement names unknown memory " + region);

        Map<String, Object> console = map(json.get("console"), "console");
        String driver = string(console, "driver");
        if (driver.equals("board") && !files.containsKey("console.c"))
            throw error("console driver 'board' needs a console.c in the board folder");
        long base = driver.equals("board") ? 0 : number(console, "base");
        if (console.containsKey("tx_pin") && !driver.equals("nrf-uart")) throw error("console 'tx_pin' is for the nrf-uart driver");
        int txPin = console.containsKey("tx_pin") ? (int) number(console, "tx_pin") : -1;

        Map<String, Object> flash = map(json.get("flash"), "flash");
        String emulator = kind == Board.Kind.REAL ? string(json, "emulator") : null;
        String machine = kind == Board.Kind.EMULATED ? string(map(json.get("qemu"), "qemu"), "machine") : null;
        String renodePlatform = null, renodeUart = null;
        if (json.get("renode") != null) {
            Map<String, Object> r = map(json.get("renode"), "renode");
            renodePlatform = string(r, "platform");
            renodeUart = string(r, "uart");
        }
        List<String> flags = new ArrayList<>();
        for (Object f : list(json, "cpu_flags")) flags.add(String.valueOf(f));
        return new Board(name, kind, title, string(json, "mcu"), string(json, "core"), List.copyOf(flags),
                number(json, "clock_hz"), number(json, "reset_clock_hz"), (int) number(json, "irq_count"),
                List.copyOf(memories), placement, number(json, "stack_bytes"), string(json, "optimization"), driver, base, txPin,
                string(console, "description"), string(flash, "tool"), string(flash, "command"), emulator, machine,
                renodePlatform, renodeUart, Map.copyOf(new LinkedHashMap<>(files)));
    }

    private CompileException error(String what) {
        return new CompileException(where + ": " + what);
    }

    private String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) throw error("'" + key + "' must be a string");
        return s;
    }

    private long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Double d) return d.longValue();
        if (v instanceof String s) {
            try {
                return parseSize(s);
            } catch (NumberFormatException e) {
                throw error("'" + key + "' is not a number: " + s);
            }
        }
        throw error("'" + key + "' must be a number");
    }

    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
        long scale = 1;
        if (t.endsWith("K")) scale = 1024;
        else if (t.endsWith("M")) scale = 1024 * 1024;
        if (scale != 1) t = t.substring(0, t.length() - 1);
        return Long.parseLong(t) * scale;
    }

    private List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof List<?> l)) throw error("'" + key + "' must be a list");
        @SuppressWarnings("unchecked") List<Object> r = (List<Object>) l;
        return r;
    }

    private Map<String, Object> map(Object v, String key) {
        if (!(v instanceof Map<?, ?>)) throw error("'" + key + "' must be an object");
        @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) v;
        return r;
    }
}
