package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LogisticTanhParams;

/**
 * LOGISTIC as TFLM's reference. Int8: inputs beyond the radius saturate; others are rescaled to Q4.27,
 * put through gemmlowp's logistic and shifted to Q0.8 with zero point -128. Float: 1 for x above
 * 16.619047, exp(x) below -9, else 1 / (1 + exp(-x)), in float.
 */
public final class LogisticEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> {
                float[] x = input.float32(), o = out.float32();
                for (int i = 0; i < x.length; i++) {
                    float v = x[i];
                    if (v > 16.619047164916992188f) o[i] = 1.0f;
                    else if (v < -9.0f) o[i] = (float) Math.exp(v);
                    else o[i] = 1.0f / (1.0f + (float) Math.exp(-v));
                }
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
                        int q0 = FixedPoint.logistic(q4, LogisticTanhParams.INPUT_INTEGER_BITS);
                        int r = FixedPoint.roundingDivideByPOT(q0, 31 - 8) - 128;
                        o[i] = (byte) EvalSupport.clamp(r, Byte.MIN_VALUE, Byte.MAX_VALUE);
                    }
                }
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }
}
