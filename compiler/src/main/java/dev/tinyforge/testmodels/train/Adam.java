package dev.tinyforge.testmodels.train;

import java.util.ArrayList;
import java.util.List;

/** The Adam optimizer over a list of float parameter arrays (bias-corrected moments). */
final class Adam {
    private final List<float[]> params, grads;
    private final List<float[]> m = new ArrayList<>(), v = new ArrayList<>();
    private final double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    private int step;

    Adam(List<float[]> params, List<float[]> grads) {
        this.params = params;
        this.grads = grads;
        for (float[] p : params) {
            m.add(new float[p.length]);
            v.add(new float[p.length]);
        }
    }

    /** One update with gradients averaged over {@code batch} samples. */
    void update(int batch, double lr) {
        step++;
        double c1 = 1 - StrictMath.pow(beta1, step), c2 = 1 - StrictMath.pow(beta2, step);
        for (int k = 0; k < params.size(); k++) {
            float[] p = params.get(k), g = grads.get(k), mk = m.get(k), vk = v.get(k);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] / (double) batch;
                mk[i] = (float) (beta1 * mk[i] + (1 - beta1) * gi);
                vk[i] = (float) (beta2 * vk[i] + (1 - beta2) * gi * gi);
                p[i] -= (float) (lr * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + eps));
            }
        }
    }
}
