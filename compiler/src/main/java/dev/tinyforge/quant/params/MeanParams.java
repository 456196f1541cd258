package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized MEAN, as TFLM's reduce (PrepareMeanOrSumHelper + EvalIntegerMean
 * at the golden's TFLM commit, which always takes QuantizedMeanOrSum for int8/int16, even when input
 * and output quantization are equal; the goldens of mcunet-vww and mcunetv2-large confirm this, a
 * truncating sum / count path that newer TFLM takes for equal quantization does not match them):
 * out = clamp(MultiplyByQuantizedMultiplier(sum - zp_in * count, multiplier, shift) + zp_out, type range)
 * where sum is the int32 sum of the raw inputs reduced into that output and multiplier/shift are
 * QuantizeMultiplier(in_scale / out_scale) with 1/count folded in:
 * s = min(floor(log2(count)), 32, 31 + shift0), multiplier = (multiplier0 &lt;&lt; s) / count (int64 division),
 * shift = shift0 - s. The fields hold the folded values; {@code count} is the number of elements reduced
 * into each output.
 */
public record MeanParams(int count, int inputZeroPoint, int outputZeroPoint,
                         int multiplier, int shift) {

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
        int multiplier = m.multiplier(), shift = m.shift();
        if (count > 0) {
            int s = 63 - Long.numberOfLeadingZeros(count);
            s = Math.min(s, 32);
            s = Math.min(s, 31 + shift);
            multiplier = (int) (((long) multiplier << s) / count);
            shift = shift - s;
        }
        return new MeanParams(Math.toIntExact(count), in.zeroPoint(), out.zeroPoint(), multiplier, shift);
    }
}
