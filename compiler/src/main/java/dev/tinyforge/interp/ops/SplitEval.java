package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** SPLIT / SPLIT_V along an axis into consecutive pieces. */
public final class SplitEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0];
        int[] is = input.type().shape();
        int axis = node.attrs(Attrs.Split.class).axis();
        if (axis < 0) axis += is.length;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= is[i];
        for (int i = axis + 1; i < is.length; i++) inner *= is[i];
        int inRow = is[axis] * inner, offset = 0;
        Tensor[] outs = new Tensor[node.outputs().size()];
        for (int k = 0; k < outs.length; k++) {
            outs[k] = EvalSupport.output(node, k);
            int rowLen = outs[k].type().dim(axis) * inner;
            for (int o = 0; o < outer; o++)
                System.arraycopy(input.array(), o * inRow + offset, outs[k].array(), o * rowLen, rowLen);
            offset += rowLen;
        }
        return outs;
    }
}
