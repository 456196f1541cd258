package dev.tinyforge.plan;

import dev.tinyforge.ir.Node;

/**
 * One in-place execution: at {@code step}, {@code node} writes {@code output} over {@code input}, which
 * dies at that step, using {@code scratch} (or null) as working memory. The output starts {@code shift}
 * bytes after the input's first byte: 0 for every scheme but {@link InPlaceScheme#PIXEL_ORDER_OVERLAP},
 * where it is negative (the output begins before the input and grows over its consumed head).
 */
public record InPlace(Node node, int step, int inputIndex, Buffer input, Buffer output, Buffer scratch, InPlaceScheme scheme,
                      long shift) {

    /** A pairing with output and input at the same first byte. */
    public InPlace(Node node, int step, int inputIndex, Buffer input, Buffer output, Buffer scratch, InPlaceScheme scheme) {
        this(node, step, inputIndex, input, output, scratch, scheme, 0);
    }

    public boolean isOverlap() { return scheme == InPlaceScheme.PIXEL_ORDER_OVERLAP; }
}
