package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LeakyReluParams;

/** LEAKY_RELU as TFLM's reference: quantized uses the identity or the alpha requantization by sign. */
public final class LeakyReluEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        if (input.type().elementType().isFloat()) {
            float alpha = node.attrs(Attrs.LeakyRelu.class).alpha();
            float[] x = input.float32(), o = out.float32();
            for (int i = 0; i < x.length; i++) o[i] = x[i] > 0 ? x[i] : x[i] * alpha;
            return new Tensor[] {out};
        }
        LeakyReluParams p = LeakyReluParams.prepare(node);
        ActivationRange range = ActivationRange.ofType(out.type().elementType());
        for (int i = 0; i < input.size(); i++) {
            int v = input.getInt(i) - p.inputZeroPoint();
            int r = v >= 0
                    ? FixedPoint.multiplyByQuantizedMultiplier(v, p.outputMultiplierIdentity(), p.outputShiftIdentity())
                    : FixedPoint.multiplyByQuantizedMultiplier(v, p.outputMultiplierAlpha(), p.outputShiftAlpha());
            out.setLong(i, range.clamp(r + p.outputZeroPoint()));
        }
        return new Tensor[] {out};
    }
}
