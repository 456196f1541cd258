package dev.tinyforge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.tinyforge.CompileException;
import dev.tinyforge.board.FirmwareProject;

/**
 * The QEMU instruction-counter plugin (tools/qemu-plugin/tf_icount.c), built with the host gcc on
 * first use into a cache directory keyed by the source's hash: $TINYFORGE_CACHE, else
 * $XDG_CACHE_HOME/tinyforge, else ~/.cache/tinyforge.
 */
public final class IcountPlugin {
    private static Path built;

    private IcountPlugin() {}

    public static synchronized Path path() {
        if (built != null && Files.exists(built)) return built;
        String source = FirmwareProject.pluginSource();
        Path dir = cacheDir().resolve("qemu-plugin").resolve(hash(source));
        Path so = dir.resolve("tf_icount.so");
        if (!Files.exists(so)) build(source, dir, so);
        built = so;
        return so;
    }

    private static void build(String source, Path dir, Path so) {
        if (!Processes.onPath("gcc")) throw new CompileException("building the QEMU instruction-counter plugin needs gcc");
        try {
            Files.createDirectories(dir);
            Path c = dir.resolve("tf_icount.c");
            Files.writeString(c, source);
            Path tmp = Files.createTempFile(dir, "tf_icount", ".so");
            Processes.Result r = Processes.run(List.of("gcc", "-shared", "-fPIC", "-O2", "-o", tmp.toString(), c.toString()), dir, 120);
            if (r.exitCode() != 0) {
                Files.deleteIfExists(tmp);
                throw new CompileException("building the QEMU plugin failed: " + r.output().trim());
            }
            Files.move(tmp, so, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path cacheDir() {
        String own = System.getenv("TINYFORGE_CACHE");
        if (own != null && !own.isEmpty()) return Path.of(own);
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "tinyforge");
        return Path.of(System.getProperty("user.home"), ".cache", "tinyforge");
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
