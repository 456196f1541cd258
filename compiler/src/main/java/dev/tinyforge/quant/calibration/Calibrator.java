package dev.tinyforge.quant.calibration;

import dev.tinyforge.CompileException;

/** Accumulates the values one tensor takes over the calibration set and picks the real range to quantize. */
public interface Calibrator {
    void observe(float[] values);

    /** {min, max} of the chosen range; always contains 0 (so zero is exactly representable). */
    double[] range();

    /** "minmax", "percentile" (99.99%) or "entropy" (KL divergence, TensorRT-style). */
    static Calibrator create(String kind) {
        return switch (kind) {
            case "minmax" -> new MinMaxCalibrator();
            case "percentile" -> new PercentileCalibrator(99.99);
            case "entropy" -> new EntropyCalibrator();
            default -> throw new CompileException("unknown calibrator '" + kind + "'; use minmax, percentile or entropy");
        };
    }
}
