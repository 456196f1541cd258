package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** REDUCE_MAX over axes (float or unquantized/equally quantized integers: the stored values compare). */
public final class ReduceMaxEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        int[] is = x.type().shape();
        boolean[] reduced = new boolean[is.length];
        for (int a : node.attrs(Attrs.Reduce.class).axes()) reduced[a < 0 ? a + is.length : a] = true;
        int[] map = MeanEval.outputIndexMap(is, reduced);
        double[] best = new double[out.size()];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < map.length; i++) best[map[i]] = Math.max(best[map[i]], x.getDouble(i));
        for (int i = 0; i < best.length; i++) out.setDouble(i, best[i]);
        return new Tensor[] {out};
    }
}
