package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** ARG_MAX along one axis; ties go to the first index, or the last with selectLastIndex. */
public final class ArgMaxEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        Attrs.ArgMax a = node.attrs(Attrs.ArgMax.class);
        int[] s = x.type().shape();
        int axis = a.axis(), outer = 1, inner = 1, n = s[axis];
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bestV = x.getDouble(o * n * inner + i);
                for (int k = 1; k < n; k++) {
                    double v = x.getDouble((o * n + k) * inner + i);
                    if (v > bestV || (a.selectLastIndex() && v == bestV)) { best = k; bestV = v; }
                }
                out.setLong(o * inner + i, best);
            }
        return new Tensor[] {out};
    }
}
