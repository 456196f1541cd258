package dev.tinyforge.interp.ops;

import dev.tinyforge.quant.SigmoidTable;
import dev.tinyforge.quant.params.LogisticTanhInt16Params;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LogisticTanhParams;

/**
 * LOGISTIC as TFLM's reference. Int8: inputs beyond the radius saturate; others are rescaled to Q4.27,
 * put through gemmlowp's logistic and shifted to Q0.8 with zero point -128. Float: 1 for x above
 * 16.619047, exp(x) below -9, else 1 / (1 + exp(-x)), in float. Int16: TFLM's table lookup (see
 * {@link #int16}).
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
            case INT16 -> {
                LogisticTanhInt16Params p = LogisticTanhInt16Params.prepare(node);
                int16(p.inputMultiplier(), p.inputLeftShift(), input.int16(), out.int16());
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /**
     * TFLM's int16 kernel: the input rescaled to units of 1/(3 * 4096) is looked up in TFLite's sigmoid
     * table with 9 bits of linear interpolation (unsigned arithmetic), mirrored for negative inputs.
     */
    public static void int16(int multiplier, int shift, short[] in, short[] out) {
        if (multiplier == 0) { // power-of-two scale
            multiplier = 3 << shift;
            shift = 0;
        }
        int round = shift > 0 ? 1 << (shift - 1) : 0;
        for (int i = 0; i < in.length; i++) {
            int x = (in[i] * multiplier + round) >> shift;
            long abs = Math.abs((long) x);
            long index = abs >> 9;
            long result;
            if (index >= 255) {
                result = 0x7FFFL << 10;
            } else {
                long a = SigmoidTable.get((int) index), b = SigmoidTable.get((int) index + 1);
                result = ((a << 9) + (abs & 0x1FF) * (b - a)) & 0xFFFFFFFFL;
            }
            result = x >= 0 ? result + (1 << 9) : ((1L << 25) - result + (1 << 9) - 1) & 0xFFFFFFFFL;
            out[i] = (short) (result >> 10);
        }
    }
}
