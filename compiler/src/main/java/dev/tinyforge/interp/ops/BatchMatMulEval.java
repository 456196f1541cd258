package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** BATCH_MATMUL (numpy matmul, both ranks >= 2, batch dimensions broadcast), float or plain integers. */
public final class BatchMatMulEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor a = in[0], b = in[1], out = EvalSupport.output(node);
        int[] as = a.type().shape(), bs = b.type().shape(), os = out.type().shape();
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        int[] batchShape = java.util.Arrays.copyOf(os, os.length - 2);
        int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2), bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] ia = Broadcast.indexMap(aBatch, batchShape), ib = Broadcast.indexMap(bBatch, batchShape);
        boolean isFloat = out.type().elementType().isFloat();
        for (int batch = 0; batch < ia.length; batch++) {
            int aBase = ia[batch] * m * k, bBase = ib[batch] * k * n, oBase = batch * m * n;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    if (isFloat) {
                        float acc = 0f;
                        for (int t = 0; t < k; t++) acc += a.float32()[aBase + i * k + t] * b.float32()[bBase + t * n + j];
                        out.float32()[oBase + i * n + j] = acc;
                    } else {
                        long acc = 0;
                        for (int t = 0; t < k; t++) acc += a.getLong(aBase + i * k + t) * b.getLong(bBase + t * n + j);
                        out.setLong(oBase + i * n + j, acc);
                    }
                }
        }
        return new Tensor[] {out};
    }
}
