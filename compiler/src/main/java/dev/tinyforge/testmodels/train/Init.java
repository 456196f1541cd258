package dev.tinyforge.testmodels.train;

import java.util.Random;

/** Seeded weight initialization. */
final class Init {
    private Init() {}

    /** He-normal: N(0, 2 / fanIn), suited to ReLU layers. */
    static float[] heNormal(Random rng, int n, int fanIn) {
        double std = Math.sqrt(2.0 / fanIn);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) w[i] = (float) (rng.nextGaussian() * std);
        return w;
    }
}
