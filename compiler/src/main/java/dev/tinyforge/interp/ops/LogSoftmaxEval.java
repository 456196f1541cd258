package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** LOG_SOFTMAX over the last dimension, float (x - max - log(sum exp(x - max)), in float). */
public final class LogSoftmaxEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        if (!input.type().elementType().isFloat()) throw EvalSupport.unsupported(node, input);
        int depth = input.type().dim(-1), outer = input.size() / depth;
        float[] x = input.float32(), o = out.float32();
        for (int r = 0; r < outer; r++) {
            int base = r * depth;
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            float sum = 0f;
            for (int c = 0; c < depth; c++) sum += (float) Math.exp(x[base + c] - max);
            float logSum = (float) Math.log(sum);
            for (int c = 0; c < depth; c++) o[base + c] = x[base + c] - max - logSum;
        }
        return new Tensor[] {out};
    }
}
