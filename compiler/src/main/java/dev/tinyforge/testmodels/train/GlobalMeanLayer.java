package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.List;

/** Mean over H and W (global average pooling), giving [1, C]; becomes MEAN(axes {1, 2}) in the graph. */
final class GlobalMeanLayer implements Layer {
    private final int h, w, c;

    GlobalMeanLayer(int h, int w, int c) { this.h = h; this.w = w; this.c = c; }

    @Override public float[] forward(float[] x) {
        float[] out = new float[c];
        for (int p = 0; p < h * w; p++) for (int ch = 0; ch < c; ch++) out[ch] += x[p * c + ch];
        for (int ch = 0; ch < c; ch++) out[ch] /= h * w;
        return out;
    }

    @Override public float[] backward(float[] gradOut) {
        float[] gradIn = new float[h * w * c];
        for (int p = 0; p < h * w; p++) for (int ch = 0; ch < c; ch++) gradIn[p * c + ch] = gradOut[ch] / (h * w);
        return gradIn;
    }

    @Override public List<float[]> parameters() { return List.of(); }

    @Override public List<float[]> gradients() { return List.of(); }

    @Override public int[] outputShape() { return new int[] {1, c}; }

    @Override public Value emit(FloatGraphBuilder b, String name, Value x) { return b.mean(name, x, new int[] {1, 2}, false); }
}
