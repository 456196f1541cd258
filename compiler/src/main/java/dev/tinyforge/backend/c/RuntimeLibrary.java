package dev.tinyforge.backend.c;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The runtime-c kernel library as bundled in the jar (or read from the repo in development): which
 * source file defines which {@code tf_*} function and which functions each file calls, so a generated
 * project carries exactly the kernels its layers use, and nothing else.
 */
public final class RuntimeLibrary {
    private static final Pattern DEFINITION = Pattern.compile("(?m)^(?!static)[A-Za-z_][\\w \\t*]*?\\b(tf_\\w+)\\s*\\([^;{]*\\)\\s*\\{");
    private static final Pattern CALL = Pattern.compile("\\b(tf_\\w+)\\s*\\(");

    private static RuntimeLibrary instance;

    private final Path root;
    private final Map<String, String> fileOfFunction = new HashMap<>();
    private final Map<String, Set<String>> callsOfFile = new HashMap<>();
    private final Map<String, String> contents = new TreeMap<>();

    private RuntimeLibrary(Path root) {
        this.root = root;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!(rel.startsWith("src/") || rel.startsWith("include/"))) continue;
                String text = Files.readString(p);
                contents.put(rel, text);
                if (!rel.endsWith(".c")) continue;
                Matcher d = DEFINITION.matcher(text);
                while (d.find()) fileOfFunction.put(d.group(1), rel);
                Set<String> calls = new TreeSet<>();
                Matcher c = CALL.matcher(text);
                while (c.find()) calls.add(c.group(1));
                callsOfFile.put(rel, calls);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled library (classpath resource "runtime-c"). */
    public static synchronized RuntimeLibrary get() {
        if (instance == null) instance = new RuntimeLibrary(locate());
        return instance;
    }

    private static Path locate() {
        return dev.tinyforge.util.BundledDirectory.locate("runtime-c", "include/tf_types.h");
    }

    /** Headers every generated project carries: the public ones and the kernels' private ones under src/. */
    public List<String> headers() {
        return contents.keySet().stream().filter(k -> k.endsWith(".h")).toList();
    }

    /** Source files (relative to runtime-c/) defining the given functions and everything they call. */
    public Set<String> sourcesFor(Set<String> functions) {
        Set<String> files = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(functions);
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String f = todo.pop();
            if (!seen.add(f)) continue;
            String file = fileOfFunction.get(f);
            if (file == null) {
                if (functions.contains(f)) throw new IllegalStateException("runtime-c has no kernel " + f);
                continue; // a macro or inline helper from a header
            }
            if (files.add(file)) todo.addAll(callsOfFile.get(file));
        }
        return new TreeSet<>(files);
    }

    public boolean hasFunction(String f) { return fileOfFunction.containsKey(f); }

    public String content(String relPath) {
        String c = contents.get(relPath);
        if (c == null) throw new IllegalArgumentException("no runtime file " + relPath);
        return c;
    }

    public Path root() { return root; }
}
