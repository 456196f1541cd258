package dev.tinyforge.interp.ops;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;

/**
 * ADD, SUB, MUL and DIV on unquantized integer tensors (ONNX semantics): exact arithmetic in 64 bits,
 * division truncating toward zero, stored with the wrap-around of the element type.
 */
final class IntegerBinary {
    private IntegerBinary() {}

    static boolean applies(Tensor out) {
        return !out.type().elementType().isFloat() && !out.type().isQuantized();
    }

    static Tensor[] evaluate(Node node, Tensor a, Tensor b, Tensor out) {
        int[] os = out.type().shape();
        int[] ia = Broadcast.indexMap(a.type().shape(), os), ib = Broadcast.indexMap(b.type().shape(), os);
        OpKind k = node.kind();
        for (int i = 0; i < out.size(); i++) {
            long x = a.getLong(ia[i]), y = b.getLong(ib[i]);
            long r = switch (k) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> {
                    if (y == 0) throw new dev.tinyforge.CompileException(node + ": integer division by zero");
                    yield x / y;
                }
                default -> throw new IllegalStateException(k.name());
            };
            out.setLong(i, r);
        }
        return new Tensor[] {out};
    }
}
