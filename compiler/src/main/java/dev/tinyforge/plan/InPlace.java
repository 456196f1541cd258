package dev.tinyforge.plan;

import dev.tinyforge.ir.Node;

/**
 * One in-place execution: at {@code step}, {@code node} writes {@code output} starting at the first byte
 * of {@code input}, which dies at that step, using {@code scratch} (or null) as working memory.
 */
public record InPlace(Node node, int step, int inputIndex, Buffer input, Buffer output, Buffer scratch, InPlaceScheme scheme) {}
