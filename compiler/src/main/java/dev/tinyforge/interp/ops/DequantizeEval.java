package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.quant.params.AffineParams;
import dev.tinyforge.ir.Tensor;

/** DEQUANTIZE as TFLM's reference: (float) ((double) scale * (q - zero_point)). */
public final class DequantizeEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        AffineParams a = AffineParams.prepare(node);
        double scale = a.scale();
        int zp = a.zeroPoint();
        float[] o = out.float32();
        for (int i = 0; i < o.length; i++) o[i] = (float) (scale * (input.getInt(i) - zp));
        return new Tensor[] {out};
    }
}
