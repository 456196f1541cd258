package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LogisticTanhParams;

/**
 * TANH as TFLM's reference. Int8: saturate beyond the radius, else Q4.27 through gemmlowp's tanh and a
 * rounding shift to Q0.7 (output zero point 0). Float: tanh in float.
 */
public final class TanhEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> {
                float[] x = input.float32(), o = out.float32();
                for (int i = 0; i < x.length; i++) o[i] = (float) Math.tanh(x[i]);
            }
            case INT8 -> {
                LogisticTanhParams p = LogisticTanhParams.prepare(node);
                byte[] x = input.int8(), o = out.int8();
                for (int i = 0; i < x.length; i++) {
                    int v = x[i] - p.inputZeroPoint();
                    if (v <= -p.inputRangeRadius()) o[i] = Byte.MIN_VALUE;
                    else if (v >= p.inputRangeRadius()) o[i] = Byte.MAX_VALUE;
                    else {
                        int q4 = FixedPoint.multiplyByQuantizedMultiplier(v, p.inputMultiplier(), p.inputLeftShift());
                        int q0 = FixedPoint.tanh(q4, LogisticTanhParams.INPUT_INTEGER_BITS);
                        o[i] = (byte) EvalSupport.clamp(FixedPoint.roundingDivideByPOT(q0, 31 - 7), Byte.MIN_VALUE, Byte.MAX_VALUE);
                    }
                }
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }
}
