package dev.tinyforge.interp.ops;

import dev.tinyforge.quant.SigmoidTable;
import dev.tinyforge.quant.params.LogisticTanhInt16Params;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.LogisticTanhParams;

/**
 * TANH as TFLM's reference. Int8: saturate beyond the radius, else Q4.27 through gemmlowp's tanh and a
 * rounding shift to Q0.7 (output zero point 0). Int16: TFLM's table lookup (see {@link #int16}). Float:
 * tanh in float.
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
            case INT16 -> {
                LogisticTanhInt16Params p = LogisticTanhInt16Params.prepare(node);
                int16(p.inputMultiplier(), p.inputLeftShift(), input.int16(), out.int16());
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /** TFLM's int16 kernel: tanh(x) = 2 * sigmoid(2x) - 1 in the sigmoid table (SigmoidTable), 8 bits of interpolation. */
    public static void int16(int multiplier, int shift, short[] in, short[] out) {
        if (multiplier == 0) { // power-of-two scale
            multiplier = 3 << shift;
            shift = 0;
        }
        int round = shift > 0 ? 1 << (shift - 1) : 0;
        for (int i = 0; i < in.length; i++) {
            int x = (in[i] * multiplier + round) >> shift;
            long abs = Math.abs((long) x);
            long index = abs >> 8;
            int result;
            if (index >= 255) {
                result = 0xFFFF << 8;
            } else {
                long a = SigmoidTable.get((int) index), b = SigmoidTable.get((int) index + 1);
                result = (int) ((a << 8) + (abs & 0xFF) * (b - a));
            }
            result = x >= 0 ? result - (1 << (14 + 9)) + (1 << (9 - 2)) : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
            out[i] = (short) (result >> (9 - 1));
        }
    }
}
