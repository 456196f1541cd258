package dev.tinyforge.backend.c;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The C a layer turns into: static parameter declarations, the statements that run it, the kernels it calls. */
public final class LayerCode {
    private final List<String> declarations = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private final Set<String> functions = new LinkedHashSet<>();

    public void declare(String line) { declarations.add(line); }

    public void statement(String line) { statements.add(line); }

    /** A call of a runtime kernel: {@code fn(args...);}. */
    public void call(String fn, String... args) {
        functions.add(fn);
        statements.add(fn + "(" + String.join(", ", args) + ");");
    }

    public List<String> declarations() { return declarations; }

    public List<String> statements() { return statements; }

    public Set<String> functions() { return functions; }
}
