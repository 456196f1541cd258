package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Quant;

/**
 * int8 quantization parameters as TFLite's post-training quantizer chooses them: activations per-tensor
 * asymmetric over [min(min, 0), max(max, 0)] so that real 0 is exact; weights symmetric in [-127, 127]
 * (zero point 0), per output channel for convolutions; int32 biases with scale input_scale * weight_scale.
 */
public final class QuantParams {
    private QuantParams() {}

    /** Ranges narrower than this get this width, so scales stay positive for constant-zero tensors. */
    private static final double MIN_RANGE = 1e-6;

    public static Quant asymmetric(double min, double max) {
        double lo = Math.min(min, 0), hi = Math.max(max, 0);
        if (hi - lo < MIN_RANGE) hi = lo + MIN_RANGE;
        float scale = (float) ((hi - lo) / 255.0);
        long zp = Math.round(-128 - lo / scale);
        return Quant.perTensor(scale, (int) Math.max(-128, Math.min(127, zp)));
    }

    /** Symmetric scales, one per slice along {@code axis} of a tensor of {@code shape}, or one for all when axis < 0. */
    public static Quant symmetric(float[] data, int[] shape, int axis) {
        int channels = axis < 0 ? 1 : shape[axis];
        int inner = 1;
        if (axis >= 0) for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        double[] maxAbs = new double[channels];
        for (int i = 0; i < data.length; i++) {
            int c = axis < 0 ? 0 : (i / inner) % channels;
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(data[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) scales[c] = (float) (Math.max(maxAbs[c], MIN_RANGE) / 127.0);
        return new Quant(scales, new int[channels], Math.max(axis, 0));
    }

    /** Quantizes real values with per-tensor or per-channel parameters, clamping to [lo, hi]. */
    public static long quantize(double real, float scale, int zeroPoint, long lo, long hi) {
        return Math.max(lo, Math.min(hi, Math.round(real / scale) + zeroPoint));
    }
}
