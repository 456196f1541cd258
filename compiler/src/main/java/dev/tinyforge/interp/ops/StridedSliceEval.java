package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** STRIDED_SLICE / SLICE in the IR's normalized form: begin + k * stride for k in [0, size) per dimension. */
public final class StridedSliceEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.StridedSlice a = node.attrs(Attrs.StridedSlice.class);
        int[] is = input.type().shape(), istr = EvalSupport.strides(is);
        int[] begin = a.begin(), strides = a.strides(), sizes = a.sizes();
        int rank = is.length;
        int[] idx = new int[rank];
        int total = 1;
        for (int s : sizes) total *= s;
        for (int o = 0; o < total; o++) {
            int src = 0;
            for (int d = 0; d < rank; d++) src += (begin[d] + idx[d] * strides[d]) * istr[d];
            TransposeEval.copyElement(input, src, out, o);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < sizes[d]) break;
                idx[d] = 0;
            }
        }
        return new Tensor[] {out};
    }
}
