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
    private final Set<String> includes = new LinkedHashSet<>();

    public void declare(String line) { declarations.add(line); }

    public void statement(String line) { statements.add(line); }

    /** A call of a runtime kernel: {@code fn(args...);}. */
    public void call(String fn, String... args) {
        functions.add(fn);
        statements.add(fn + "(" + String.join(", ", args) + ");");
    }

    /**
     * A runtime-c header model.c must include, relative to runtime-c/ (e.g. "src/conv/conv_s8_1x1_dsp_body.h"):
     * for kernels specialized per layer, whose always-inline bodies the layer's own function instantiates
     * with its shapes as constants.
     */
    public void include(String runtimeHeader) { includes.add(runtimeHeader); }

    public List<String> declarations() { return declarations; }

    public Set<String> includes() { return includes; }

    public List<String> statements() { return statements; }

    public Set<String> functions() { return functions; }
}
