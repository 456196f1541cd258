package dev.tinyforge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared data folder ({@code ../shared} beside the repository, or $TINYFORGE_SHARED) and the
 * repository root. Tests that need shared data call {@link #require}: when it is missing the test is
 * skipped with a message on stderr saying so, never passed silently.
 */
public final class Shared {
    private static final Set<String> warned = ConcurrentHashMap.newKeySet();

    private Shared() {}

    public static Path repoRoot() {
        String p = System.getProperty("tinyforge.repo");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("runtime-c")) && Files.exists(root.getParent().resolve("runtime-c")))
            root = root.getParent();
        return root.toAbsolutePath().normalize();
    }

    /** The shared folder, or null when absent. */
    public static Path dir() {
        String env = System.getenv("TINYFORGE_SHARED");
        Path d = env != null && !env.isEmpty() ? Path.of(env) : repoRoot().resolve("../shared").normalize();
        return Files.isDirectory(d) ? d : null;
    }

    /** Returns shared/&lt;sub&gt;, or skips the calling test loudly when it is missing. */
    public static Path require(String sub) {
        Path d = dir();
        Path target = d == null ? null : d.resolve(sub);
        if (target == null || !Files.exists(target)) {
            String msg = "SKIPPED: shared data '" + sub + "' not found (expected ../shared beside the repository "
                    + "or $TINYFORGE_SHARED); tests that need it did not run";
            if (warned.add(sub)) System.err.println(msg);
            Assumptions.abort(msg);
        }
        return target;
    }
}
