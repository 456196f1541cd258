package dev.tinyforge.testmodels.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link ShapesCnn} on generated images with Adam and mini-batches, single-threaded and with
 * fixed seeds so the result is the same on every machine (it becomes a committed model file).
 */
public final class ShapesTrainer {
    private ShapesTrainer() {}

    public static final int TRAIN = 4000, TEST = 800, EPOCHS = 8, BATCH = 32;
    public static final double LEARNING_RATE = 0.01;

    /** The trained network and its float accuracy on held-out images. */
    public record Result(ShapesCnn cnn, List<ShapeImages.Sample> test, double trainAccuracy, double testAccuracy) {}

    public static List<ShapeImages.Sample> dataset(long seed, int n) {
        ShapeImages gen = new ShapeImages(seed);
        List<ShapeImages.Sample> r = new ArrayList<>();
        for (int i = 0; i < n; i++) r.add(gen.next(i % ShapeImages.CLASSES.length));
        return r;
    }

    /** The held-out images of a training run with this seed. */
    public static List<ShapeImages.Sample> testSet(long seed) { return dataset(seed + 2, TEST); }

    public static Result train(long seed) {
        List<ShapeImages.Sample> train = dataset(seed + 1, TRAIN), test = testSet(seed);
        ShapesCnn cnn = new ShapesCnn(seed + 3);
        Adam adam = new Adam(cnn.parameters(), cnn.gradients());
        Random shuffle = new Random(seed + 4);
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = order[i]; order[i] = order[j]; order[j] = t;
            }
            // A quarter of the step for the last epochs, to settle.
            double lr = epoch < EPOCHS - 3 ? LEARNING_RATE : LEARNING_RATE / 4;
            for (int start = 0; start < order.length; start += BATCH) {
                cnn.zeroGradients();
                int end = Math.min(order.length, start + BATCH);
                for (int k = start; k < end; k++) {
                    ShapeImages.Sample s = train.get(order[k]);
                    cnn.accumulateGradients(s.pixels(), s.label());
                }
                adam.update(end - start, lr);
            }
        }
        return new Result(cnn, test, accuracy(cnn, train), accuracy(cnn, test));
    }

    public static double accuracy(ShapesCnn cnn, List<ShapeImages.Sample> samples) {
        int correct = 0;
        for (ShapeImages.Sample s : samples) if (argmax(cnn.predict(s.pixels())) == s.label()) correct++;
        return correct / (double) samples.size();
    }

    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
