package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;

/** MAXIMUM and MINIMUM with broadcasting on raw values (TFLM requires equal quantization). */
public final class MaximumMinimumEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor a = in[0], b = in[1], out = EvalSupport.output(node);
        int[] os = out.type().shape();
        int[] ia = Broadcast.indexMap(a.type().shape(), os), ib = Broadcast.indexMap(b.type().shape(), os);
        boolean max = node.kind() == OpKind.MAXIMUM;
        if (out.type().elementType().isFloat()) {
            float[] x = a.float32(), y = b.float32(), o = out.float32();
            for (int i = 0; i < o.length; i++) {
                float u = x[ia[i]], v = y[ib[i]];
                o[i] = max ? (u > v ? u : v) : (u < v ? u : v);
            }
        } else {
            for (int i = 0; i < out.size(); i++) {
                long u = a.getLong(ia[i]), v = b.getLong(ib[i]);
                out.setLong(i, max ? Math.max(u, v) : Math.min(u, v));
            }
        }
        return new Tensor[] {out};
    }
}
