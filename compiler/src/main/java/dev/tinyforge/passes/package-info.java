/**
 * Graph-to-graph transformations. A {@link dev.tinyforge.passes.Pass} has a name and rewrites a graph in
 * place; a {@link dev.tinyforge.passes.Pipeline} runs an ordered list of them (optionally verifying and
 * dumping the IR after each); {@link dev.tinyforge.passes.PassRegistry} finds passes by name so that
 * pipelines can be written as text ({@code "fuse-activation,dce"}).
 *
 * <p>Each pass is tested with text files in {@code src/test/resources/passes/*.tir}: a {@code // RUN:}
 * line naming the pipeline, the input IR, and {@code // CHECK:} / {@code // CHECK-NEXT:} /
 * {@code // CHECK-NOT:} lines matched against the printed result (see the README there).
 */
package dev.tinyforge.passes;
