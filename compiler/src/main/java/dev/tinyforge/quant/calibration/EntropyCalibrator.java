package dev.tinyforge.quant.calibration;

/**
 * Entropy calibration as TensorRT describes it: a 2048-bin histogram of |x|, and the clipping threshold
 * whose 128-level quantized distribution has the least KL divergence from the clipped reference
 * distribution. The histogram range is fixed by the first batch's maximum (values beyond it land in the
 * last bin), which is the usual approximation.
 */
public final class EntropyCalibrator implements Calibrator {
    private static final int BINS = 2048, LEVELS = 128;
    private final long[] hist = new long[BINS];
    private double width = -1, min = 0, max = 0;

    @Override public void observe(float[] values) {
        if (width < 0) {
            double m = 0;
            for (float v : values) m = Math.max(m, Math.abs(v));
            width = m > 0 ? m / BINS : 1e-8;
        }
        for (float v : values) {
            if (Float.isNaN(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
            int b = (int) (Math.abs(v) / width);
            hist[Math.min(b, BINS - 1)]++;
        }
    }

    @Override public double[] range() {
        int best = BINS;
        double bestKl = Double.MAX_VALUE;
        for (int i = LEVELS; i <= BINS; i++) {
            double kl = divergence(i);
            if (kl < bestKl) { bestKl = kl; best = i; }
        }
        double t = best * width;
        return new double[] {Math.min(0, Math.max(min, -t)), Math.max(0, Math.min(max, t))};
    }

    /** KL(P || Q) for threshold bin i: P is the first i bins with the tail folded into the last. */
    private double divergence(int i) {
        double[] p = new double[i];
        for (int k = 0; k < i; k++) p[k] = hist[k];
        for (int k = i; k < BINS; k++) p[i - 1] += hist[k];
        double[] q = new double[i];
        double per = (double) i / LEVELS;
        for (int level = 0; level < LEVELS; level++) {
            int start = (int) Math.floor(level * per), end = (int) Math.floor((level + 1) * per);
            if (level == LEVELS - 1) end = i;
            double sum = 0;
            int nonZero = 0;
            for (int k = start; k < end; k++) { sum += hist[k]; if (hist[k] != 0) nonZero++; }
            for (int k = start; k < end; k++) q[k] = hist[k] == 0 || nonZero == 0 ? 0 : sum / nonZero;
        }
        double ps = 0, qs = 0;
        for (int k = 0; k < i; k++) { ps += p[k]; qs += q[k]; }
        if (ps == 0 || qs == 0) return Double.MAX_VALUE;
        double kl = 0;
        for (int k = 0; k < i; k++) {
            if (p[k] == 0) continue;
            double pk = p[k] / ps, qk = q[k] / qs;
            kl += qk == 0 ? pk * 20 : pk * Math.log(pk / qk); // a missing bin in Q: large finite penalty
        }
        return kl;
    }
}
