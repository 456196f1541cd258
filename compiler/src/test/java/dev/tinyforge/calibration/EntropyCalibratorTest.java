package dev.tinyforge.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.quant.calibration.EntropyCalibrator;

/** Properties of the KL threshold on distributions whose right answer is known qualitatively. */
class EntropyCalibratorTest {

    @Test void clipsRareOutliersButKeepsTheBulk() {
        Random r = new Random(1);
        float[] x = new float[200_000];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        x[7] = 40f; // one outlier 10x beyond the rest
        EntropyCalibrator c = new EntropyCalibrator();
        c.observe(x);
        double[] range = c.range();
        assertTrue(range[1] < 20, "the lone outlier is clipped: " + range[1]);
        assertTrue(range[1] > 3, "the Gaussian bulk (|x| < 3 for 99.7%) is kept: " + range[1]);
        assertTrue(range[0] < -3 && range[0] > -20, "negative side: " + range[0]);
    }

    @Test void reluZerosDoNotDriveTheThresholdDown() {
        Random r = new Random(2);
        float[] x = new float[200_000];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.max(0, r.nextGaussian()); // half exact zeros
        EntropyCalibrator c = new EntropyCalibrator();
        c.observe(x);
        double[] range = c.range();
        assertEquals(0, range[0]);
        assertTrue(range[1] > 2.5, "the positive half's bulk (below 2.5: 99.4%) is kept: " + range[1]);
    }

    @Test void histogramGrowsWithLaterBatches() {
        EntropyCalibrator c = new EntropyCalibrator();
        Random r = new Random(3);
        for (int batch = 0; batch < 4; batch++) {
            float[] x = new float[50_000];
            float scale = 1 << batch; // each batch twice as wide as the one before
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() * scale;
            c.observe(x);
        }
        double[] range = c.range();
        assertTrue(range[1] > 6, "a first-batch histogram would stop at 1: " + range[1]);
    }

    @Test void sparseDataFallsBackTowardsTheMaximum() {
        // 300 values with repeated spikes (as bias-only outputs give): too few counts per bin for a KL choice
        float[] x = new float[300];
        for (int i = 0; i < x.length; i++) x[i] = i % 3 == 0 ? 0.05f : (i % 3 == 1 ? 0.11f : i / 30f);
        EntropyCalibrator c = new EntropyCalibrator();
        c.observe(x);
        assertTrue(c.range()[1] > 0.5 * 9.9667, "threshold " + c.range()[1] + " of max 9.97");
    }
}
