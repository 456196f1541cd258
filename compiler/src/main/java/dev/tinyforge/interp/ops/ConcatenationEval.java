package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** CONCATENATION along an axis: a plain copy (TFLM copies quantized values without requantizing). */
public final class ConcatenationEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor out = EvalSupport.output(node);
        int[] os = out.type().shape();
        int axis = node.attrs(Attrs.Concat.class).axis();
        if (axis < 0) axis += os.length;
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= os[i];
        for (int i = axis + 1; i < os.length; i++) inner *= os[i];
        int outRow = os[axis] * inner, offset = 0;
        for (Tensor t : in) {
            int rowLen = t.type().dim(axis) * inner;
            for (int o = 0; o < outer; o++)
                System.arraycopy(t.array(), o * rowLen, out.array(), o * outRow + offset, rowLen);
            offset += rowLen;
        }
        return new Tensor[] {out};
    }
}
