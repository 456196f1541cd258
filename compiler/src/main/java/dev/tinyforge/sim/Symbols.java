package dev.tinyforge.sim;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.CompileException;

/** Symbol addresses of a firmware ELF, read with arm-none-eabi-nm (Thumb bit cleared). */
public final class Symbols {
    private final Map<String, Long> addresses;

    private Symbols(Map<String, Long> addresses) { this.addresses = addresses; }

    public static Symbols of(Path elf) {
        Processes.Result r = Processes.run(List.of(CrossTools.NM, elf.toString()), elf.getParent(), 60);
        if (r.exitCode() != 0) throw new CompileException(CrossTools.NM + " failed on " + elf + ": " + r.output().trim());
        Map<String, Long> m = new HashMap<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].matches("[0-9a-fA-F]+")) m.put(f[2], Long.parseLong(f[0], 16) & ~1L);
        }
        return new Symbols(m);
    }

    public boolean has(String name) { return addresses.containsKey(name); }

    public long address(String name) {
        Long a = addresses.get(name);
        if (a == null) throw new IllegalStateException("the firmware has no symbol " + name);
        return a;
    }
}
