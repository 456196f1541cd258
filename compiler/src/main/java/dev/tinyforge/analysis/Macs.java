package dev.tinyforge.analysis;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;

/**
 * Multiply-accumulates of a layer, counted the way the peers' tables count them: convolutions,
 * depthwise convolutions and fully connected layers only (one MAC per weight tap per output element).
 */
public final class Macs {
    private Macs() {}

    public static long of(Node n) {
        return switch (n.kind()) {
            case CONV_2D -> {
                int[] w = n.input(1).type().shape(); // O H W I
                yield n.output().type().elementCount() * w[1] * w[2] * w[3];
            }
            case DEPTHWISE_CONV_2D -> {
                int[] w = n.input(1).type().shape(); // 1 H W C*m
                yield n.output().type().elementCount() * w[1] * w[2];
            }
            case FULLY_CONNECTED -> n.output().type().elementCount() * n.input(1).type().dim(1);
            default -> 0;
        };
    }

    public static long of(Graph g) {
        long total = 0;
        for (Node n : g.nodes()) total += of(n);
        return total;
    }

}
