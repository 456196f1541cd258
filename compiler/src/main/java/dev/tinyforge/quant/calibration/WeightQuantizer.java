package dev.tinyforge.quant.calibration;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

/** Constant tensors to int8 / int32: symmetric weights (per channel or per tensor), biases, other constants. */
final class WeightQuantizer {
    private WeightQuantizer() {}

    /** Symmetric int8 in [-127, 127]: per channel along {@code axis}, or one scale for the whole tensor. */
    static Tensor symmetric(Tensor w, int axis, boolean perChannel) {
        int[] s = w.type().shape();
        int channels = perChannel ? s[axis] : 1;
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        double[] maxAbs = new double[channels];
        for (int i = 0; i < w.size(); i++) {
            int c = perChannel ? (i / inner) % channels : 0;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w.getDouble(i)));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) scales[c] = maxAbs[c] > 0 ? (float) (maxAbs[c] / 127.0) : 1f;
        Quant q = new Quant(scales, new int[channels], perChannel ? axis : 0);
        Tensor out = Tensor.zeros(new TensorType(ElementType.INT8, s, q));
        for (int i = 0; i < w.size(); i++) {
            int c = perChannel ? (i / inner) % channels : 0;
            long v = Math.round(w.getDouble(i) / scales[c]);
            out.setLong(i, Math.max(-127, Math.min(127, v)));
        }
        return out;
    }

    /** int32 bias with scale inputScale * weightScale[c], zero point 0. */
    static Tensor bias(Tensor b, float inputScale, Quant weights) {
        int n = b.size();
        float[] scales = new float[n];
        for (int c = 0; c < n; c++) scales[c] = inputScale * weights.scale(c);
        Quant q = n > 1 && weights.isPerChannel() ? new Quant(scales, new int[n], 0) : Quant.perTensor(scales[0], 0);
        Tensor out = Tensor.zeros(new TensorType(ElementType.INT32, b.type().shape(), q));
        for (int c = 0; c < n; c++) {
            long v = Math.round(b.getDouble(c) / (double) scales[c]);
            out.setLong(c, Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
        }
        return out;
    }

    /** A float constant stored as int8 with the given per-tensor quantization (saturating). */
    static Tensor withQuant(Tensor t, Quant q) {
        Tensor out = Tensor.zeros(new TensorType(ElementType.INT8, t.type().shape(), q));
        for (int i = 0; i < t.size(); i++) {
            long v = Math.round(t.getDouble(i) / q.scale()) + q.zeroPoint();
            out.setLong(i, Math.max(-128, Math.min(127, v)));
        }
        return out;
    }
}
