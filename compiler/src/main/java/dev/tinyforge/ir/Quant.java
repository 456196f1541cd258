package dev.tinyforge.ir;

import java.util.Arrays;

/**
 * Affine quantization: real = scale * (q - zeroPoint). Per-tensor when there is one scale;
 * per-channel along {@code axis} otherwise (TFLite's quantized_dimension).
 */
public record Quant(float[] scales, int[] zeroPoints, int axis) {

    public Quant {
        if (scales.length == 0 || scales.length != zeroPoints.length)
            throw new IllegalArgumentException("quantization needs as many zero points as scales");
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
    }

    public static Quant perTensor(float scale, int zeroPoint) {
        return new Quant(new float[] {scale}, new int[] {zeroPoint}, 0);
    }

    public boolean isPerChannel() { return scales.length > 1; }

    public int channels() { return scales.length; }

    /** The scale of the tensor (per-tensor quantization) or of channel 0. */
    public float scale() { return scales[0]; }

    public int zeroPoint() { return zeroPoints[0]; }

    public float scale(int channel) { return scales[isPerChannel() ? channel : 0]; }

    public int zeroPoint(int channel) { return zeroPoints[isPerChannel() ? channel : 0]; }

    @Override public float[] scales() { return scales.clone(); }

    @Override public int[] zeroPoints() { return zeroPoints.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof Quant q && axis == q.axis && Arrays.equals(scales, q.scales)
                && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + axis;
    }

    @Override public String toString() {
        if (!isPerChannel()) return "q(" + scales[0] + ", " + zeroPoints[0] + ")";
        return "q(axis=" + axis + ", " + Arrays.toString(scales) + ", " + Arrays.toString(zeroPoints) + ")";
    }
}
