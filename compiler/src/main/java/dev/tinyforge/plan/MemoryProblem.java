package dev.tinyforge.plan;

import java.util.List;
import java.util.Set;

import dev.tinyforge.ir.Node;

/**
 * What the offset assignment has to solve, from the lifetime analysis: the buffers that live in the arena
 * (tensors and kernel scratch), those held outside it (model I/O when asked), the in-place pairings (each
 * pair must start at the same offset) and the nodes that need no code because their output is a view.
 */
public record MemoryProblem(List<Buffer> arenaBuffers, List<Buffer> ioBuffers, List<InPlace> inPlace, Set<Node> noOps,
                            int steps) {}
