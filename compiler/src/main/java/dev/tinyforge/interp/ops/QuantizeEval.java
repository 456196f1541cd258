package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.Rounding;
import dev.tinyforge.quant.params.AffineParams;
import dev.tinyforge.quant.params.RequantParams;

/**
 * QUANTIZE as TFLM's reference: float to integer is roundf(x / (float) scale) + zero_point, clamped
 * (AffineQuantize); integer to integer is Requantize (MultiplyByQuantizedMultiplier of in - zp_in by
 * in_scale / out_scale, + zp_out, clamped), with TFLM's xor-0x80 shortcut for int8 &lt;-&gt; uint8 at equal scale.
 */
public final class QuantizeEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        ActivationRange range = ActivationRange.ofType(out.type().elementType());
        if (input.type().elementType().isFloat()) {
            AffineParams a = AffineParams.prepare(node);
            float[] x = input.float32();
            for (int i = 0; i < x.length; i++) {
                int v = (int) Rounding.round(x[i] / a.scale()) + a.zeroPoint();
                out.setLong(i, range.clamp(v));
            }
            return new Tensor[] {out};
        }
        RequantParams p = RequantParams.prepare(node);
        for (int i = 0; i < input.size(); i++) {
            int v = FixedPoint.multiplyByQuantizedMultiplier(input.getInt(i) + p.inputOffset(), p.multiplier(), p.shift())
                    + p.outputOffset();
            out.setLong(i, range.clamp(v));
        }
        return new Tensor[] {out};
    }
}
