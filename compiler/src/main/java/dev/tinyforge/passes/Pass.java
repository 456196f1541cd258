package dev.tinyforge.passes;

import dev.tinyforge.ir.Graph;

/**
 * One graph transformation with one job. Passes rewrite the graph in place and must leave it valid for
 * {@link dev.tinyforge.ir.Verifier}; {@link Pipeline} can check that after each one.
 */
public interface Pass {
    /** The short name used in pipelines and {@code // RUN:} lines, e.g. "dce". */
    String name();

    void run(Graph g);
}
