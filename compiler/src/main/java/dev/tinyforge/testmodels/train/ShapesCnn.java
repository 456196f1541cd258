package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shapes classifier in float: 32x32x1 -> conv 3x3/2 (8) -> depthwise 3x3/2 -> conv 1x1 (16)
 * -> depthwise 3x3 -> conv 1x1 (16) -> mean over H, W -> dense (4) -> softmax, every conv with a fused
 * ReLU. The second depthwise stage widens the receptive field to 15 pixels, enough to tell a square's
 * corners from a cross's junction. Layouts and SAME pads match the IR and TFLite, so trained weights go
 * straight into a graph ({@link #emit}).
 */
public final class ShapesCnn {
    public static final int SIZE = 32, CLASSES = 4;

    private final List<Layer> layers = new ArrayList<>();
    private final List<String> names = List.of("conv1", "depthwise1", "pointwise1", "depthwise2", "pointwise2", "mean", "fc");

    public ShapesCnn(long seed) {
        Random rng = new Random(seed);
        layers.add(new ConvLayer(32, 32, 1, 8, 3, 2, rng));
        layers.add(new DepthwiseLayer(16, 16, 8, 3, 2, rng));
        layers.add(new ConvLayer(8, 8, 8, 16, 1, 1, rng));
        layers.add(new DepthwiseLayer(8, 8, 16, 3, 1, rng));
        layers.add(new ConvLayer(8, 8, 16, 16, 1, 1, rng));
        layers.add(new GlobalMeanLayer(8, 8, 16));
        layers.add(new DenseLayer(16, CLASSES, rng));
    }

    public float[] logits(float[] image) {
        float[] x = image;
        for (Layer l : layers) x = l.forward(x);
        return x;
    }

    public float[] predict(float[] image) { return softmax(logits(image)); }

    /** Forward and backward for one sample; gradients accumulate until {@link #zeroGradients}. Returns the loss. */
    float accumulateGradients(float[] image, int label) {
        float[] p = softmax(logits(image));
        float[] g = p.clone();
        g[label] -= 1f; // d(cross-entropy)/d(logits)
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g);
        return (float) -StrictMath.log(Math.max(p[label], 1e-12f));
    }

    List<float[]> parameters() {
        List<float[]> r = new ArrayList<>();
        for (Layer l : layers) r.addAll(l.parameters());
        return r;
    }

    List<float[]> gradients() {
        List<float[]> r = new ArrayList<>();
        for (Layer l : layers) r.addAll(l.gradients());
        return r;
    }

    void zeroGradients() { for (float[] g : gradients()) java.util.Arrays.fill(g, 0f); }

    /** Appends the network to a float graph and returns the softmax output. */
    public Value emit(FloatGraphBuilder b, Value input) {
        Value x = input;
        for (int i = 0; i < layers.size(); i++) x = layers.get(i).emit(b, names.get(i), x);
        return b.softmax("softmax", x);
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double sum = 0;
        for (float v : logits) sum += StrictMath.exp(v - max);
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) p[i] = (float) (StrictMath.exp(logits[i] - max) / sum);
        return p;
    }
}
