package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** TRANSPOSE: output dimension i is input dimension perm[i]. */
public final class TransposeEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        int[] perm = node.attrs(Attrs.Transpose.class).perm();
        int[] is = input.type().shape(), os = out.type().shape();
        int[] istr = EvalSupport.strides(is);
        int rank = os.length;
        int[] step = new int[rank];
        for (int i = 0; i < rank; i++) step[i] = istr[perm[i]];
        int[] idx = new int[rank];
        int src = 0;
        for (int o = 0; o < out.size(); o++) {
            copyElement(input, src, out, o);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += step[d];
                if (idx[d] < os[d]) break;
                src -= step[d] * idx[d];
                idx[d] = 0;
            }
        }
        return new Tensor[] {out};
    }

    static void copyElement(Tensor from, int i, Tensor to, int j) {
        switch (from.type().elementType()) {
            case INT8, UINT8, BOOL -> to.int8()[j] = from.int8()[i];
            case INT16 -> to.int16()[j] = from.int16()[i];
            case INT32 -> to.int32()[j] = from.int32()[i];
            case INT64 -> to.int64()[j] = from.int64()[i];
            case FLOAT32 -> to.float32()[j] = from.float32()[i];
        }
    }
}
