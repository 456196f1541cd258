package dev.tinyforge.quant.calibration;

/** The observed minimum and maximum. */
public final class MinMaxCalibrator implements Calibrator {
    private double min = 0, max = 0;

    @Override public void observe(float[] values) {
        for (float v : values) {
            if (Float.isNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
    }

    @Override public double[] range() { return new double[] {Math.min(min, 0), Math.max(max, 0)}; }
}
