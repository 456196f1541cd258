package dev.tinyforge.passes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.IrException;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.ir.text.IrPrinter;

/**
 * An ordered list of passes run one after the other. Optionally verifies the graph after each pass (a
 * failure names the pass that broke it) and hands the IR after each pass to a sink for debugging.
 * Instances are immutable; the {@code with...} methods return configured copies.
 */
public final class Pipeline {
    private final List<Pass> passes;
    private final boolean verifyEach;
    private final Consumer<String> dumpSink;
    private final IrPrinter.Options dumpOptions;

    private Pipeline(List<Pass> passes, boolean verifyEach, Consumer<String> dumpSink, IrPrinter.Options dumpOptions) {
        this.passes = List.copyOf(passes);
        this.verifyEach = verifyEach;
        this.dumpSink = dumpSink;
        this.dumpOptions = dumpOptions;
    }

    public Pipeline(List<Pass> passes) { this(passes, false, null, IrPrinter.Options.HUMAN); }

    public static Pipeline of(Pass... passes) { return new Pipeline(Arrays.asList(passes)); }

    /** A pipeline from a comma-separated list of registered pass names, e.g. "fuse-activation,dce". */
    public static Pipeline parse(String spec) {
        List<Pass> list = new ArrayList<>();
        for (String name : spec.split(",")) {
            String n = name.trim();
            if (!n.isEmpty()) list.add(PassRegistry.create(n));
        }
        return new Pipeline(list);
    }

    /** Runs {@link Verifier} after every pass; an invalid graph throws {@link IrException} naming the pass. */
    public Pipeline withVerifyEach(boolean on) { return new Pipeline(passes, on, dumpSink, dumpOptions); }

    /** Sends "// IR after &lt;pass&gt;" and the printed IR to {@code sink} after every pass. */
    public Pipeline withIrDump(Consumer<String> sink, IrPrinter.Options options) {
        return new Pipeline(passes, verifyEach, sink, options);
    }

    public List<Pass> passes() { return passes; }

    public void run(Graph g) {
        for (Pass p : passes) {
            p.run(g);
            if (verifyEach) {
                try {
                    Verifier.verify(g);
                } catch (IrException e) {
                    throw new IrException("after pass '" + p.name() + "': " + e.getMessage());
                }
            }
            if (dumpSink != null) dumpSink.accept("// IR after " + p.name() + "\n" + IrPrinter.print(g, dumpOptions));
        }
    }

    /** "fuse-activation,dce": the same spelling {@link #parse} reads. */
    @Override public String toString() {
        return passes.stream().map(Pass::name).collect(Collectors.joining(","));
    }
}
