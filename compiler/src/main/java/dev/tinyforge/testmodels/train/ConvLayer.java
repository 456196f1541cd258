package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.List;
import java.util.Random;

/** CONV_2D with SAME padding and a fused ReLU; weights OHWI as in the IR. Also serves as 1x1 pointwise conv. */
final class ConvLayer implements Layer {
    private final int h, w, c, o, k, stride, oh, ow, padTop, padLeft;
    final float[] weights, bias, dWeights, dBias;
    private float[] in, out;

    ConvLayer(int h, int w, int c, int o, int k, int stride, Random rng) {
        this.h = h; this.w = w; this.c = c; this.o = o; this.k = k; this.stride = stride;
        this.oh = SamePadding.out(h, stride);
        this.ow = SamePadding.out(w, stride);
        this.padTop = SamePadding.before(h, k, stride);
        this.padLeft = SamePadding.before(w, k, stride);
        weights = Init.heNormal(rng, o * k * k * c, k * k * c);
        bias = new float[o];
        dWeights = new float[weights.length];
        dBias = new float[o];
    }

    @Override public float[] forward(float[] x) {
        in = x;
        out = new float[oh * ow * o];
        for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
                for (int oc = 0; oc < o; oc++) {
                    float acc = bias[oc];
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * stride - padTop + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = xo * stride - padLeft + kx;
                            if (ix < 0 || ix >= w) continue;
                            int xb = (iy * w + ix) * c, wb = ((oc * k + ky) * k + kx) * c;
                            for (int ic = 0; ic < c; ic++) acc += x[xb + ic] * weights[wb + ic];
                        }
                    }
                    out[(y * ow + xo) * o + oc] = Math.max(acc, 0f);
                }
        return out;
    }

    @Override public float[] backward(float[] gradOut) {
        float[] gradIn = new float[in.length];
        for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
                for (int oc = 0; oc < o; oc++) {
                    int at = (y * ow + xo) * o + oc;
                    if (out[at] <= 0) continue; // ReLU
                    float g = gradOut[at];
                    dBias[oc] += g;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * stride - padTop + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = xo * stride - padLeft + kx;
                            if (ix < 0 || ix >= w) continue;
                            int xb = (iy * w + ix) * c, wb = ((oc * k + ky) * k + kx) * c;
                            for (int ic = 0; ic < c; ic++) {
                                dWeights[wb + ic] += g * in[xb + ic];
                                gradIn[xb + ic] += g * weights[wb + ic];
                            }
                        }
                    }
                }
        return gradIn;
    }

    @Override public List<float[]> parameters() { return List.of(weights, bias); }

    @Override public List<float[]> gradients() { return List.of(dWeights, dBias); }

    @Override public int[] outputShape() { return new int[] {1, oh, ow, o}; }

    @Override public Value emit(FloatGraphBuilder b, String name, Value x) {
        return b.conv(name, x, weights, new int[] {o, k, k, c}, bias, new int[] {stride, stride}, new int[] {1, 1},
                FloatGraphBuilder.Padding.SAME, Activation.RELU);
    }
}
