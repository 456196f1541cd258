package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** BROADCAST_TO: numpy broadcast of the input to the output shape. */
public final class BroadcastToEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor out = EvalSupport.output(node);
        int[] map = Broadcast.indexMap(in[0].type().shape(), out.type().shape());
        for (int i = 0; i < map.length; i++) TransposeEval.copyElement(in[0], map[i], out, i);
        return new Tensor[] {out};
    }
}
