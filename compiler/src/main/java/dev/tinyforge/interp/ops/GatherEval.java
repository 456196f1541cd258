package dev.tinyforge.interp.ops;

import dev.tinyforge.CompileException;
import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** GATHER: output[outer, idx..., inner] = data[outer, indices[idx...], inner] along the axis. */
public final class GatherEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor data = in[0], indices = in[1], out = EvalSupport.output(node);
        int[] s = data.type().shape();
        int axis = node.attrs(Attrs.Axis.class).axis();
        int outer = 1, inner = 1, n = s[axis], k = indices.size();
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < k; j++) {
                long idx = indices.getLong(j);
                if (idx < 0) idx += n;
                if (idx < 0 || idx >= n) throw new CompileException(node + ": index " + indices.getLong(j) + " out of range");
                for (int i = 0; i < inner; i++)
                    TransposeEval.copyElement(data, (int) ((o * n + idx) * inner + i), out, (o * k + j) * inner + i);
            }
        return new Tensor[] {out};
    }
}
