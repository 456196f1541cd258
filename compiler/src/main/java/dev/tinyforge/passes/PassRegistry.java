package dev.tinyforge.passes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.tinyforge.CompileException;

/** Passes by name, for pipelines written as text (command line, {@code // RUN:} lines in pass tests). */
public final class PassRegistry {
    private static final Map<String, Supplier<Pass>> FACTORIES = new LinkedHashMap<>();

    static {
        register(DeadCodeElimination::new);
        register(FuseActivation::new);
        register(RemoveIdentityReshape::new);
        register(CollapseReshapeChains::new);
        register(FoldPadIntoConv::new);
        register(SinkTransposeIntoReduce::new);
        register(FoldAffineIntoConv::new);
        register(dev.tinyforge.passes.qdq.SinkDequantize::new);
        register(dev.tinyforge.passes.qdq.LowerQdqConv::new);
        register(dev.tinyforge.passes.qdq.LowerQdqBinary::new);
        register(dev.tinyforge.passes.qdq.LowerQdqPool::new);
        register(dev.tinyforge.passes.qdq.LowerQdqShape::new);
        register(dev.tinyforge.passes.qdq.LowerQdqBoundary::new);
    }

    private PassRegistry() {}

    /** Registers a pass under the name its instances report. */
    public static synchronized void register(Supplier<Pass> factory) {
        String name = factory.get().name();
        if (FACTORIES.putIfAbsent(name, factory) != null && FACTORIES.get(name) != factory)
            throw new IllegalArgumentException("a pass named '" + name + "' is already registered");
    }

    /** A fresh instance of the named pass. */
    public static synchronized Pass create(String name) {
        Supplier<Pass> f = FACTORIES.get(name);
        if (f == null)
            throw new CompileException("unknown pass '" + name + "'; known passes: " + String.join(", ", FACTORIES.keySet()));
        return f.get();
    }

    public static synchronized Set<String> names() { return Set.copyOf(FACTORIES.keySet()); }
}
