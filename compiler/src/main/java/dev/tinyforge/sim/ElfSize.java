package dev.tinyforge.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.CompileException;

/**
 * Measured memory use of a linked firmware image, from its sections (names of the generated linker
 * script): flash = vectors + weights + code/constants + .data's initial values; SRAM = .data + arena
 * + .bss + the reserved stack.
 */
public record ElfSize(Map<String, Long> sections) {
    private static final Set<String> FLASH = Set.of(".isr_vector", ".weights", ".text", ".ARM.exidx", ".data");
    private static final Set<String> SRAM = Set.of(".data", ".arena", ".bss", ".stack");

    public static ElfSize of(Path elf) {
        Processes.Result r = Processes.run(List.of(CrossTools.SIZE, "-A", "-d", elf.toString()), elf.getParent(), 60);
        if (r.exitCode() != 0) throw new CompileException(CrossTools.SIZE + " failed on " + elf + ": " + r.output().trim());
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].startsWith(".") && f[1].matches("\\d+")) m.put(f[0], Long.parseLong(f[1]));
        }
        return new ElfSize(m);
    }

    public long section(String name) { return sections.getOrDefault(name, 0L); }

    public long flashBytes() { return FLASH.stream().mapToLong(this::section).sum(); }

    public long sramBytes() { return SRAM.stream().mapToLong(this::section).sum(); }
}
