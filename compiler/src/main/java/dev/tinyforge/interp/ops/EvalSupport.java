package dev.tinyforge.interp.ops;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

/** Small helpers shared by evaluators: output allocation, shapes, type checks. */
final class EvalSupport {
    private EvalSupport() {}

    static Tensor output(Node node) { return Tensor.zeros(node.output().type()); }

    static Tensor output(Node node, int i) { return Tensor.zeros(node.output(i).type()); }

    static ElementType type(Tensor t) { return t.type().elementType(); }

    static CompileException unsupported(Node node, Tensor t) {
        return new CompileException(node + ": the interpreter does not support " + t.type().elementType() + " here");
    }

    /** Row-major strides of a shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The shape as 4-D NHWC, left-padded with ones. */
    static int[] as4d(TensorType t) {
        int[] s = t.shape();
        int[] r = {1, 1, 1, 1};
        for (int i = 0; i < s.length && i < 4; i++) r[4 - s.length + i] = s[i];
        return r;
    }

    static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }
}
