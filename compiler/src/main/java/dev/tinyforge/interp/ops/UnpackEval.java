package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** UNPACK: splits along an axis into slices without that axis. */
public final class UnpackEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0];
        int[] is = input.type().shape();
        int axis = node.attrs(Attrs.Axis.class).axis();
        if (axis < 0) axis += is.length;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= is[i];
        for (int i = axis + 1; i < is.length; i++) inner *= is[i];
        int n = is[axis];
        Tensor[] outs = new Tensor[node.outputs().size()];
        for (int k = 0; k < outs.length; k++) {
            outs[k] = EvalSupport.output(node, k);
            for (int o = 0; o < outer; o++)
                System.arraycopy(input.array(), (o * n + k) * inner, outs[k].array(), o * inner, inner);
        }
        return outs;
    }
}
