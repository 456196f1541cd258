package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;

/** DEQUANTIZE as TFLM's reference: (float) ((double) scale * (q - zero_point)). */
public final class DequantizeEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Quant q = input.type().quant();
        double scale = q.scale();
        int zp = q.zeroPoint();
        float[] o = out.float32();
        for (int i = 0; i < o.length; i++) o[i] = (float) (scale * (input.getInt(i) - zp));
        return new Tensor[] {out};
    }
}
