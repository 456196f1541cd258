package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.PreluParams;

/** PRELU with a broadcast alpha, as TFLM's reference (BroadcastPrelu4DSlow). */
public final class PreluEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], alpha = in[1], out = EvalSupport.output(node);
        int[] os = out.type().shape();
        int[] ix = Broadcast.indexMap(input.type().shape(), os), ia = Broadcast.indexMap(alpha.type().shape(), os);
        if (input.type().elementType().isFloat()) {
            float[] x = input.float32(), a = alpha.float32(), o = out.float32();
            for (int i = 0; i < o.length; i++) {
                float v = x[ix[i]];
                o[i] = v >= 0f ? v : v * a[ia[i]];
            }
            return new Tensor[] {out};
        }
        PreluParams p = PreluParams.prepare(node);
        ActivationRange range = ActivationRange.ofType(out.type().elementType());
        for (int i = 0; i < out.size(); i++) {
            int v = p.inputOffset() + input.getInt(ix[i]);
            int r;
            if (v >= 0) {
                r = FixedPoint.multiplyByQuantizedMultiplier(v, p.outputMultiplier1(), p.outputShift1());
            } else {
                int a = p.alphaOffset() + alpha.getInt(ia[i]);
                r = FixedPoint.multiplyByQuantizedMultiplier(v * a, p.outputMultiplier2(), p.outputShift2());
            }
            out.setLong(i, range.clamp(r + p.outputOffset()));
        }
        return new Tensor[] {out};
    }
}
