package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** PAD with a constant (in the storage domain: the zero point for quantized PAD). */
public final class PadEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.Pad a = node.attrs(Attrs.Pad.class);
        int[] is = input.type().shape(), os = out.type().shape(), pads = a.pads();
        for (int i = 0; i < out.size(); i++) out.setDouble(i, a.value());
        int rank = is.length;
        int[] ostr = EvalSupport.strides(os);
        int[] idx = new int[rank];
        int inner = rank == 0 ? 1 : is[rank - 1];
        int rows = input.size() / Math.max(inner, 1);
        for (int r = 0; r < rows && inner > 0; r++) {
            int rem = r, o = 0;
            for (int d = rank - 2; d >= 0; d--) {
                idx[d] = rem % is[d];
                rem /= is[d];
            }
            for (int d = 0; d < rank - 1; d++) o += (idx[d] + pads[2 * d]) * ostr[d];
            if (rank > 0) o += pads[2 * (rank - 1)];
            System.arraycopy(input.array(), r * inner, out.array(), o, inner);
        }
        return new Tensor[] {out};
    }
}
