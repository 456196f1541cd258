package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized MEAN, mirroring {@code tf_mean_params} (plus {@code count}, which the
 * C kernel derives from the shapes). TFLM's EvalIntegerMean at the goldens' commit always takes
 * QuantizedMeanOrSum for int8/int16, even when input and output quantization are equal (the goldens of
 * mcunet-vww and mcunetv2-large confirm it; the truncating sum / count shortcut of other TFLM versions
 * does not match them), so {@code sameQuant} is always false:
 * out = clamp(MultiplyByQuantizedMultiplier(sum - zp_in * count, m', s') + zp_out, type range), where sum
 * is the int32 sum of the raw inputs reduced into that output. {@code multiplier}/{@code shift} are TFLM's
 * prepare values QuantizeMultiplier(in_scale / out_scale) (double division); the kernel folds 1/count in
 * at run time ({@link #folded}). Zero points are NOT negated (TFLM's op data convention).
 */
public record MeanParams(boolean sameQuant, int inputZeroPoint, int outputZeroPoint, int multiplier, int shift, int count) {

    public static MeanParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        int[] shape = node.input(0).type().shape();
        long count = 1;
        boolean[] seen = new boolean[shape.length];
        for (int axis : node.attrs(Attrs.Reduce.class).axes()) {
            int a = axis < 0 ? axis + shape.length : axis;
            if (!seen[a]) {
                seen[a] = true;
                count *= shape[a];
            }
        }
        QuantizedMultiplier m = QuantizedMultiplier.of((double) in.scale() / (double) out.scale());
        return new MeanParams(false, in.zeroPoint(), out.zeroPoint(), m.multiplier(), m.shift(), Math.toIntExact(count));
    }

    /**
     * TFLite QuantizedMeanOrSum's run-time fold of 1/count: s = min(floor(log2(count)), 32, 31 + shift),
     * multiplier = (multiplier &lt;&lt; s) / count (int64 division), shift = shift - s.
     */
    public QuantizedMultiplier folded() {
        if (count <= 0) return new QuantizedMultiplier(multiplier, shift);
        int s = 63 - Long.numberOfLeadingZeros(count);
        s = Math.min(s, 32);
        s = Math.min(s, 31 + shift);
        return new QuantizedMultiplier((int) (((long) multiplier << s) / count), shift - s);
    }
}
