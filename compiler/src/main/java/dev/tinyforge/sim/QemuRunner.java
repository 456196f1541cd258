package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a firmware ELF on a QEMU machine with semihosting (so the firmware's exit code is QEMU's),
 * the console UART on stdout, a time limit, and the instruction-counter plugin watching the given
 * marker addresses (role "begin", "end", "layer" or "mark" to address).
 */
public final class QemuRunner {
    private QemuRunner() {}

    /** One execution of a marker: its role, address and the instructions executed before it. */
    public record Mark(String role, long address, long count) {}

    /** @param total all instructions executed, or -1 when QEMU did not reach its normal exit */
    public record Result(int exitCode, boolean timedOut, String output, List<Mark> marks, long total) {}

    public static Result run(String machine, Path elf, Map<String, Long> markers, long timeoutSeconds) {
        CrossTools.requireQemu();
        Path plugin = IcountPlugin.path();
        try {
            Path log = Files.createTempFile(elf.getParent(), "icount", ".txt");
            try {
                StringBuilder args = new StringBuilder(plugin.toString()).append(",out=").append(log);
                markers.forEach((role, a) -> args.append(',').append(role).append("=0x").append(Long.toHexString(a)));
                List<String> cmd = List.of(CrossTools.QEMU, "-M", machine, "-nographic", "-monitor", "none", "-serial", "stdio",
                        "-semihosting-config", "enable=on,target=native", "-kernel", elf.toString(), "-plugin", args.toString());
                Processes.Result r = Processes.run(cmd, elf.getParent(), timeoutSeconds);
                List<Mark> marks = new ArrayList<>();
                long total = -1;
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.trim().split(" ");
                    if (f.length == 3 && f[1].startsWith("0x")) marks.add(new Mark(f[0], Long.decode(f[1]), Long.parseLong(f[2])));
                    else if (f.length == 2 && f[0].equals("total")) total = Long.parseLong(f[1]);
                }
                return new Result(r.exitCode(), r.timedOut(), r.output(), marks, total);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
