package dev.tinyforge.quant.calibration;

import java.util.Random;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Clips both tails at a percentile (Commons Math's estimator) over a uniform reservoir sample of at most
 * 200k values, so outliers seen once in the calibration set do not stretch the scale.
 */
public final class PercentileCalibrator implements Calibrator {
    private static final int RESERVOIR = 200_000;
    private final double percentile;
    private final double[] sample = new double[RESERVOIR];
    private long seen;
    private int size;
    private final Random random = new Random(42);

    public PercentileCalibrator(double percentile) { this.percentile = percentile; }

    @Override public void observe(float[] values) {
        for (float v : values) {
            if (Float.isNaN(v)) continue;
            seen++;
            if (size < RESERVOIR) sample[size++] = v;
            else {
                long j = (long) (random.nextDouble() * seen);
                if (j < RESERVOIR) sample[(int) j] = v;
            }
        }
    }

    @Override public double[] range() {
        if (size == 0) return new double[] {0, 0};
        double[] data = java.util.Arrays.copyOf(sample, size);
        Percentile p = new Percentile();
        p.setData(data);
        double hi = p.evaluate(percentile), lo = p.evaluate(100 - percentile);
        return new double[] {Math.min(lo, 0), Math.max(hi, 0)};
    }
}
