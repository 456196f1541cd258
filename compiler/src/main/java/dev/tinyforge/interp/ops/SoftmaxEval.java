package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.SoftmaxParams;

/**
 * SOFTMAX over the last dimension as TFLM's reference. Int8 input (int8 or int16 output): differences to
 * the row maximum at or above diff_min are scaled to Q5.26, exponentiated (gemmlowp), summed in Q12.19,
 * inverted with GetReciprocal and each exp scaled by the reciprocal, then shifted down to the output
 * width and offset by the type minimum. Float: exp((x - max) * beta) / sum in float.
 */
public final class SoftmaxEval implements OpEvaluator {
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        int depth = input.type().dim(-1);
        int outer = input.size() / depth;
        switch (EvalSupport.type(input)) {
            case FLOAT32 -> {
                float beta = node.attrs(Attrs.Softmax.class).beta();
                float[] x = input.float32(), o = out.float32();
                for (int r = 0; r < outer; r++) {
                    int base = r * depth;
                    float max = -Float.MAX_VALUE;
                    for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
                    float sum = 0f;
                    for (int c = 0; c < depth; c++) {
                        float e = (float) Math.exp((x[base + c] - max) * beta);
                        o[base + c] = e;
                        sum += e;
                    }
                    for (int c = 0; c < depth; c++) o[base + c] = o[base + c] / sum;
                }
            }
            case INT8 -> int8(SoftmaxParams.prepare(node), input.int8(), out, outer, depth);
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /** The int8-input kernel on raw arrays, int8 output. */
    public static void int8(SoftmaxParams p, byte[] x, byte[] out, int rows, int depth) {
        Tensor t = Tensor.wrap(new dev.tinyforge.ir.TensorType(ElementType.INT8, out.length), out);
        int8(p, x, t, rows, depth);
    }

    private static void int8(SoftmaxParams p, byte[] x, Tensor out, int outer, int depth) {
        boolean int16Out = out.type().elementType() == ElementType.INT16;
        int outBits = int16Out ? 16 : 8;
        int outMin = int16Out ? Short.MIN_VALUE : Byte.MIN_VALUE, outMax = int16Out ? Short.MAX_VALUE : Byte.MAX_VALUE;
        for (int r = 0; r < outer; r++) {
            int base = r * depth;
            int max = Byte.MIN_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff >= p.diffMin()) {
                    int scaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, p.inputMultiplier(), p.inputLeftShift());
                    int exp = FixedPoint.expOnNegativeValues(scaled, SoftmaxParams.SCALED_DIFF_INTEGER_BITS);
                    sumOfExps += FixedPoint.rescale(exp, 0, ACCUMULATION_INTEGER_BITS);
                }
            }
            int[] rec = FixedPoint.reciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
            int shiftedScale = rec[0];
            int exponent = rec[1] + 31 - outBits;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                int v;
                if (diff >= p.diffMin()) {
                    int scaled = FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, p.inputMultiplier(), p.inputLeftShift());
                    int exp = FixedPoint.expOnNegativeValues(scaled, SoftmaxParams.SCALED_DIFF_INTEGER_BITS);
                    int unsat = FixedPoint.roundingDivideByPOT(FixedPoint.saturatingRoundingDoublingHighMul(shiftedScale, exp), exponent);
                    v = EvalSupport.clamp(unsat + outMin, outMin, outMax);
                } else {
                    v = outMin;
                }
                out.setLong(base + c, v);
            }
        }
    }
}
