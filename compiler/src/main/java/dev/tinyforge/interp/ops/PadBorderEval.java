package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** PAD_BORDER: each output coordinate maps back into the input by reflection, edge clamp or wrap-around. */
public final class PadBorderEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        Attrs.PadBorder a = node.attrs(Attrs.PadBorder.class);
        int[] is = x.type().shape(), os = out.type().shape(), istr = EvalSupport.strides(is);
        int rank = os.length;
        int[] idx = new int[rank];
        for (int o = 0; o < out.size(); o++) {
            int src = 0;
            for (int d = 0; d < rank; d++) src += source(idx[d] - a.pads()[2 * d], is[d], a.mode()) * istr[d];
            TransposeEval.copyElement(x, src, out, o);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < os[d]) break;
                idx[d] = 0;
            }
        }
        return new Tensor[] {out};
    }

    static int source(int i, int n, Attrs.PadMode mode) {
        return switch (mode) {
            case EDGE -> Math.max(0, Math.min(n - 1, i));
            case WRAP -> Math.floorMod(i, n);
            case REFLECT -> {
                if (n == 1) yield 0;
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
        };
    }
}
