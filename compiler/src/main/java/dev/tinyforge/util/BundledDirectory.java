package dev.tinyforge.util;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder bundled on the classpath (runtime-c/, boards/, ...) as a Path, whether the classes run from the
 * jar (a zip file system) or from a build directory.
 */
public final class BundledDirectory {
    private BundledDirectory() {}

    /**
     * The top-level folder {@code name}, found through a file that must exist in it ({@code probe}, relative
     * to the folder, e.g. "include/tf_types.h").
     */
    public static Path locate(String name, String probe) {
        URL u = BundledDirectory.class.getResource("/" + name + "/" + probe);
        if (u == null) throw new IllegalStateException(name + "/ is not on the classpath; rebuild the jar");
        try {
            URI uri = u.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return fs.getPath("/" + name);
            }
            Path p = Path.of(uri);
            for (int i = 0; i < probe.split("/").length; i++) p = p.getParent();
            return p;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled " + name + "/: " + e.getMessage(), e);
        }
    }
}
