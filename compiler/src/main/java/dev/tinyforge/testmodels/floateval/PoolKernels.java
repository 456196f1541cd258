package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;

/** Float AVERAGE_POOL_2D and MAX_POOL_2D (padded positions take no part, as in TFLite) and MEAN. */
final class PoolKernels {
    private PoolKernels() {}

    static FloatTensor pool(FloatTensor x, int[] filter, int[] strides, int[] pads, Activation act, boolean max, int[] outShape) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int oh = outShape[1], ow = outShape[2];
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++)
                for (int xo = 0; xo < ow; xo++)
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int ky = 0; ky < filter[0]; ky++) {
                            int iy = y * strides[0] - pads[0] + ky;
                            if (iy < 0 || iy >= h) continue;
                            for (int kx = 0; kx < filter[1]; kx++) {
                                int ix = xo * strides[1] - pads[1] + kx;
                                if (ix < 0 || ix >= w) continue;
                                float v = x.data()[((b * h + iy) * w + ix) * c + ch];
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        float r = max ? (float) acc : (float) (acc / Math.max(count, 1));
                        out[((b * oh + y) * ow + xo) * c + ch] = Activations.apply(act, r);
                    }
        return new FloatTensor(outShape, out);
    }

    /** Mean over {@code axes}; the output shape (kept dims or not) only changes how the result is laid out. */
    static FloatTensor mean(FloatTensor x, int[] axes, int[] outShape) {
        int[] keptShape = x.shape().clone();
        for (int a : axes) keptShape[a] = 1;
        int[] outStrides = Shapes.broadcastStrides(keptShape, x.shape());
        double[] sums = new double[Shapes.count(keptShape)];
        int[] index = new int[x.rank()];
        for (int i = 0; i < x.size(); i++) {
            Shapes.unravel(i, x.shape(), index);
            int o = 0;
            for (int d = 0; d < index.length; d++) o += index[d] * outStrides[d];
            sums[o] += x.data()[i];
        }
        int reduced = x.size() / sums.length;
        float[] out = new float[sums.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sums[i] / reduced);
        return new FloatTensor(outShape, out);
    }
}
