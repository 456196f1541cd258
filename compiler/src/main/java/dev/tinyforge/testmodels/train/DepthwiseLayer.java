package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.List;
import java.util.Random;

/** DEPTHWISE_CONV_2D (multiplier 1) with SAME padding and a fused ReLU; weights 1HWC as in the IR. */
final class DepthwiseLayer implements Layer {
    private final int h, w, c, k, stride, oh, ow, padTop, padLeft;
    final float[] weights, bias, dWeights, dBias;
    private float[] in, out;

    DepthwiseLayer(int h, int w, int c, int k, int stride, Random rng) {
        this.h = h; this.w = w; this.c = c; this.k = k; this.stride = stride;
        this.oh = SamePadding.out(h, stride);
        this.ow = SamePadding.out(w, stride);
        this.padTop = SamePadding.before(h, k, stride);
        this.padLeft = SamePadding.before(w, k, stride);
        weights = Init.heNormal(rng, k * k * c, k * k);
        bias = new float[c];
        dWeights = new float[weights.length];
        dBias = new float[c];
    }

    @Override public float[] forward(float[] x) {
        in = x;
        out = new float[oh * ow * c];
        for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
                for (int ch = 0; ch < c; ch++) {
                    float acc = bias[ch];
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * stride - padTop + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = xo * stride - padLeft + kx;
                            if (ix >= 0 && ix < w) acc += x[(iy * w + ix) * c + ch] * weights[(ky * k + kx) * c + ch];
                        }
                    }
                    out[(y * ow + xo) * c + ch] = Math.max(acc, 0f);
                }
        return out;
    }

    @Override public float[] backward(float[] gradOut) {
        float[] gradIn = new float[in.length];
        for (int y = 0; y < oh; y++)
            for (int xo = 0; xo < ow; xo++)
                for (int ch = 0; ch < c; ch++) {
                    int at = (y * ow + xo) * c + ch;
                    if (out[at] <= 0) continue; // ReLU
                    float g = gradOut[at];
                    dBias[ch] += g;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = y * stride - padTop + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = xo * stride - padLeft + kx;
                            if (ix < 0 || ix >= w) continue;
                            int xi = (iy * w + ix) * c + ch, wi = (ky * k + kx) * c + ch;
                            dWeights[wi] += g * in[xi];
                            gradIn[xi] += g * weights[wi];
                        }
                    }
                }
        return gradIn;
    }

    @Override public List<float[]> parameters() { return List.of(weights, bias); }

    @Override public List<float[]> gradients() { return List.of(dWeights, dBias); }

    @Override public int[] outputShape() { return new int[] {1, oh, ow, c}; }

    @Override public Value emit(FloatGraphBuilder b, String name, Value x) {
        return b.depthwise(name, x, weights, new int[] {1, k, k, c}, bias, new int[] {stride, stride}, 1,
                FloatGraphBuilder.Padding.SAME, Activation.RELU);
    }
}
