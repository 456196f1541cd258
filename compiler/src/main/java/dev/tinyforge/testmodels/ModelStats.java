package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

import java.util.Map;
import java.util.TreeMap;

/** Facts about a graph for humans: multiply-accumulates, weight bytes, op counts, largest activation. */
public final class ModelStats {
    private ModelStats() {}

    /** MACs of convolutions and fully connected layers (other ops are not counted). */
    public static long macs(Graph g) {
        long total = 0;
        for (Node n : g.nodes()) {
            long outElems = n.output().type().elementCount();
            switch (n.kind()) {
                case CONV_2D -> {
                    var w = n.input(1).type();
                    total += outElems * w.dim(1) * w.dim(2) * w.dim(3);
                }
                case DEPTHWISE_CONV_2D -> {
                    var w = n.input(1).type();
                    total += outElems * w.dim(1) * w.dim(2);
                }
                case FULLY_CONNECTED -> total += outElems * n.input(1).type().dim(1);
                default -> { }
            }
        }
        return total;
    }

    public static long constantBytes(Graph g) {
        long total = 0;
        for (Value v : g.constants()) total += v.type().byteSize();
        return total;
    }

    public static long largestActivationBytes(Graph g) {
        long max = 0;
        for (Value v : g.values()) if (!v.isConstant()) max = Math.max(max, v.type().byteSize());
        return max;
    }

    /** Op name (TFLite spelling) to count, sorted by name. */
    public static Map<String, Integer> opCounts(Graph g) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : g.nodes()) counts.merge(n.kind().name(), 1, Integer::sum);
        return counts;
    }
}
