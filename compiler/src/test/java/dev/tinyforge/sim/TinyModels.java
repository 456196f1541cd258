package dev.tinyforge.sim;

import java.util.List;
import java.util.Random;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Small int8 graphs built in code, using only layout ops (pad, transpose, concatenation, reshape),
 * whose C kernels every build has: enough to exercise firmware generation, every board and the
 * instruction counter without depending on which compute kernels have landed.
 */
public final class TinyModels {
    private TinyModels() {}

    private static final Quant Q = Quant.perTensor(0.05f, -3);

    /** pad -> transpose -> concat with a constant -> reshape; about 1 KB of arena: fits every board. */
    public static Graph layout() {
        Graph g = new Graph("tiny_layout");
        Value in = g.addInput("input", new TensorType(ElementType.INT8, new int[] {1, 6, 5, 3}, Q));
        Value padded = g.newValue("padded", new TensorType(ElementType.INT8, new int[] {1, 8, 7, 4}, Q));
        g.addNode("pad", OpKind.PAD, new Attrs.Pad(new int[] {0, 0, 1, 1, 2, 0, 0, 1}, -3), List.of(in), List.of(padded));
        Value transposed = g.newValue("transposed", new TensorType(ElementType.INT8, new int[] {1, 7, 8, 4}, Q));
        g.addNode("transpose", OpKind.TRANSPOSE, new Attrs.Transpose(new int[] {0, 2, 1, 3}), List.of(padded), List.of(transposed));
        Value constant = g.newConstant("bias_map", Tensor.wrap(new TensorType(ElementType.INT8, new int[] {1, 7, 8, 4}, Q), bytes(224, 7)));
        Value cat = g.newValue("concat", new TensorType(ElementType.INT8, new int[] {1, 7, 8, 8}, Q));
        g.addNode("concat", OpKind.CONCATENATION, new Attrs.Concat(3, Activation.NONE), List.of(transposed, constant), List.of(cat));
        Value out = g.newValue("output", new TensorType(ElementType.INT8, new int[] {1, 56, 8}, Q));
        g.addNode("reshape", OpKind.RESHAPE, new Attrs.None(), List.of(cat), List.of(out));
        g.addOutput(out);
        return g;
    }

    /** The same shape of graph with a 288 KB constant and a ~650 KB arena: too big for the micro:bit. */
    public static Graph tooBigForMicrobit() {
        Graph g = new Graph("big_layout");
        Value in = g.addInput("input", new TensorType(ElementType.INT8, new int[] {1, 96, 96, 4}, Q));
        Value constant = g.newConstant("big_map", Tensor.wrap(new TensorType(ElementType.INT8, new int[] {1, 96, 96, 32}, Q), bytes(96 * 96 * 32, 3)));
        Value out = g.newValue("output", new TensorType(ElementType.INT8, new int[] {1, 96, 96, 36}, Q));
        g.addNode("concat", OpKind.CONCATENATION, new Attrs.Concat(3, Activation.NONE), List.of(in, constant), List.of(out));
        g.addOutput(out);
        return g;
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
