package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.List;
import java.util.Random;

/** FULLY_CONNECTED without activation (the logits); weights [O, I] as in the IR. */
final class DenseLayer implements Layer {
    private final int in, out;
    final float[] weights, bias, dWeights, dBias;
    private float[] x;

    DenseLayer(int in, int out, Random rng) {
        this.in = in;
        this.out = out;
        weights = Init.heNormal(rng, out * in, in);
        bias = new float[out];
        dWeights = new float[weights.length];
        dBias = new float[out];
    }

    @Override public float[] forward(float[] input) {
        x = input;
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            float acc = bias[o];
            for (int i = 0; i < in; i++) acc += input[i] * weights[o * in + i];
            y[o] = acc;
        }
        return y;
    }

    @Override public float[] backward(float[] gradOut) {
        float[] gradIn = new float[in];
        for (int o = 0; o < out; o++) {
            dBias[o] += gradOut[o];
            for (int i = 0; i < in; i++) {
                dWeights[o * in + i] += gradOut[o] * x[i];
                gradIn[i] += gradOut[o] * weights[o * in + i];
            }
        }
        return gradIn;
    }

    @Override public List<float[]> parameters() { return List.of(weights, bias); }

    @Override public List<float[]> gradients() { return List.of(dWeights, dBias); }

    @Override public int[] outputShape() { return new int[] {1, out}; }

    @Override public Value emit(FloatGraphBuilder b, String name, Value x) {
        return b.fc(name, x, weights, new int[] {out, in}, bias, Activation.NONE);
    }
}
