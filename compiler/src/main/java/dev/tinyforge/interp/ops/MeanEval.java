package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.QuantizedMultiplier;
import dev.tinyforge.quant.params.MeanParams;

/**
 * MEAN over axes as TFLM's reduce: sums every input element into its output (row-major over the kept
 * dimensions), then for int8/int16 QuantizedMeanOrSum's integer requantization with 1/count folded into
 * the multiplier (see {@link MeanParams}); float sums in float and divides by the count.
 */
public final class MeanEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        int[] is = input.type().shape();
        boolean[] reduced = new boolean[is.length];
        for (int a : node.attrs(Attrs.Reduce.class).axes()) reduced[a < 0 ? a + is.length : a] = true;
        int[] outIndex = outputIndexMap(is, reduced);
        int n = out.size();
        long count = 1;
        for (int i = 0; i < is.length; i++) if (reduced[i]) count *= is[i];
        if (input.type().elementType().isFloat()) {
            float[] sum = new float[n], x = input.float32();
            for (int i = 0; i < x.length; i++) sum[outIndex[i]] += x[i];
            float[] o = out.float32();
            for (int i = 0; i < n; i++) o[i] = count > 0 ? sum[i] / (float) count : 0f;
            return new Tensor[] {out};
        }
        int[] sum = new int[n];
        for (int i = 0; i < outIndex.length; i++) sum[outIndex[i]] += input.getInt(i);
        MeanParams p = MeanParams.prepare(node);
        if (count == 0) return new Tensor[] {out};
        QuantizedMultiplier m = p.folded();
        ActivationRange range = ActivationRange.ofType(out.type().elementType());
        for (int i = 0; i < n; i++) {
            int shifted = (int) (sum[i] - (long) p.inputZeroPoint() * p.count());
            int r = FixedPoint.multiplyByQuantizedMultiplier(shifted, m.multiplier(), m.shift()) + p.outputZeroPoint();
            out.setLong(i, range.clamp(r));
        }
        return new Tensor[] {out};
    }

    /** For each input element (row-major), the output element it reduces into. */
    static int[] outputIndexMap(int[] is, boolean[] reduced) {
        int rank = is.length;
        int[] outStride = new int[rank];
        int acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            outStride[i] = reduced[i] ? 0 : acc;
            if (!reduced[i]) acc *= is[i];
        }
        int total = 1;
        for (int d : is) total *= d;
        int[] map = new int[total];
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < total; i++) {
            map[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                off += outStride[d];
                if (idx[d] < is[d]) break;
                off -= outStride[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }
}
