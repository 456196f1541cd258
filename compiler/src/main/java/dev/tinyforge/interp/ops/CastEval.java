package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** CAST between element types: the stored values convert as C casts do (float to int truncates). */
public final class CastEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        boolean fromFloat = x.type().elementType().isFloat();
        for (int i = 0; i < out.size(); i++) {
            if (fromFloat) out.setDouble(i, x.getDouble(i));
            else out.setDouble(i, x.getLong(i));
        }
        return new Tensor[] {out};
    }
}
