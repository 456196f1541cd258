package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a firmware ELF on a QEMU machine with semihosting (so the firmware's exit code is QEMU's),
 * the console UART on stdout, a time limit, and the instruction-counter plugin watching the given
 * marker addresses.
 */
public final class QemuRunner {
    private QemuRunner() {}

    /** One execution of a marker: its address and the instructions executed before it. */
    public record Mark(long address, long count) {}

    /** @param total all instructions executed, or -1 when QEMU did not reach its normal exit */
    public record Result(int exitCode, boolean timedOut, String output, List<Mark> marks, long total) {}

    public static Result run(String machine, Path elf, List<Long> markAddresses, long timeoutSeconds) {
        CrossTools.requireQemu();
        Path plugin = IcountPlugin.path();
        try {
            Path log = Files.createTempFile(elf.getParent(), "icount", ".txt");
            try {
                StringBuilder args = new StringBuilder(plugin.toString()).append(",out=").append(log);
                for (long a : markAddresses) args.append(",mark=0x").append(Long.toHexString(a));
                List<String> cmd = List.of(CrossTools.QEMU, "-M", machine, "-nographic", "-monitor", "none", "-serial", "stdio",
                        "-semihosting-config", "enable=on,target=native", "-kernel", elf.toString(), "-plugin", args.toString());
                Processes.Result r = Processes.run(cmd, elf.getParent(), timeoutSeconds);
                List<Mark> marks = new ArrayList<>();
                long total = -1;
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.trim().split(" ");
                    if (f.length == 3 && f[0].equals("mark")) marks.add(new Mark(Long.decode(f[1]), Long.parseLong(f[2])));
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
