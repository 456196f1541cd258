package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** PACK: stacks N same-shaped inputs along a new axis. */
public final class PackEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor out = EvalSupport.output(node);
        int[] os = out.type().shape();
        int axis = node.attrs(Attrs.Axis.class).axis();
        if (axis < 0) axis += os.length;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= os[i];
        for (int i = axis + 1; i < os.length; i++) inner *= os[i];
        for (int k = 0; k < in.length; k++)
            for (int o = 0; o < outer; o++)
                System.arraycopy(in[k].array(), o * inner, out.array(), (o * in.length + k) * inner, inner);
        return new Tensor[] {out};
    }
}
