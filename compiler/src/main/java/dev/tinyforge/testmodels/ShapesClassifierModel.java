package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.floateval.FloatEvaluator;
import dev.tinyforge.testmodels.floateval.FloatTensor;
import dev.tinyforge.testmodels.train.ShapeImages;
import dev.tinyforge.testmodels.train.ShapesCnn;
import dev.tinyforge.testmodels.train.ShapesTrainer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * e. The demo model: a CNN the project trains itself on generated shape images, quantized to int8 after
 * training (calibrated on generated images), with sample inputs and labels written beside it. The int8
 * accuracy is estimated by simulating quantization in float (see {@link FloatEvaluator}).
 */
public final class ShapesClassifierModel {
    private ShapesClassifierModel() {}

    public static final String NAME = "shapes_classifier_int8";
    public static final String SAMPLES_DIR = "shapes_samples";
    public static final int SAMPLES_PER_CLASS = 3;
    /** Seed of training; the held-out images are {@code ShapesTrainer.testSet(SEED)}. */
    public static final long SEED = 7;

    public static GeneratedModel generate() {
        ShapesTrainer.Result trained = ShapesTrainer.train(SEED);
        FloatGraphBuilder b = new FloatGraphBuilder(NAME, SEED);
        Value image = b.input("image", 1, ShapesCnn.SIZE, ShapesCnn.SIZE, 1);
        b.output(trained.cnn().emit(b, image));
        Graph floatGraph = b.graph();

        List<List<FloatTensor>> calibration = new ArrayList<>();
        for (ShapeImages.Sample s : ShapesTrainer.dataset(SEED + 10, 200)) calibration.add(List.of(imageTensor(s)));
        Graph int8 = Calibration.quantize(floatGraph, calibration);

        int correct = 0;
        for (ShapeImages.Sample s : trained.test()) {
            FloatTensor probs = FloatEvaluator.run(int8, List.of(imageTensor(s))).get(int8.outputs().get(0));
            if (ShapesTrainer.argmax(probs.data()) == s.label()) correct++;
        }
        double int8Accuracy = correct / (double) trained.test().size();

        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("classes", List.of(ShapeImages.CLASSES));
        notes.put("training", ShapesTrainer.TRAIN + " generated images, " + ShapesTrainer.EPOCHS + " epochs, Adam, batch "
                + ShapesTrainer.BATCH + ", seed " + SEED);
        notes.put("float_train_accuracy", round4(trained.trainAccuracy()));
        notes.put("float_test_accuracy", round4(trained.testAccuracy()));
        notes.put("int8_test_accuracy_simulated", round4(int8Accuracy));
        notes.put("test_images", trained.test().size());
        notes.put("samples", SAMPLES_DIR + "/<class>_<k>.bin: raw int8 input bytes (1x32x32x1), " + SAMPLES_DIR + "/labels.txt");

        return new GeneratedModel(NAME, int8,
                "32x32x1 int8 grayscale shape image -> conv 3x3/2 (8) -> depthwise 3x3/2 -> conv 1x1 (16) -> depthwise 3x3 "
                        + "-> conv 1x1 (16), all fused RELU -> MEAN(H,W) -> FULLY_CONNECTED 4 -> SOFTMAX; trained here on generated "
                        + "circles, squares, triangles and crosses",
                notes, sampleFiles(trained.test(), int8.inputs().get(0).type().quant()));
    }

    private static FloatTensor imageTensor(ShapeImages.Sample s) {
        return new FloatTensor(new int[] {1, ShapesCnn.SIZE, ShapesCnn.SIZE, 1}, s.pixels());
    }

    /** The first test images of each class, quantized with the model's input parameters, and the labels. */
    private static Map<String, byte[]> sampleFiles(List<ShapeImages.Sample> test, Quant inputQuant) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int[] written = new int[ShapeImages.CLASSES.length];
        for (ShapeImages.Sample s : test) {
            if (written[s.label()] >= SAMPLES_PER_CLASS) continue;
            byte[] raw = new byte[s.pixels().length];
            for (int i = 0; i < raw.length; i++)
                raw[i] = (byte) QuantParams.quantize(s.pixels()[i], inputQuant.scale(), inputQuant.zeroPoint(), -128, 127);
            files.put(SAMPLES_DIR + "/" + ShapeImages.CLASSES[s.label()] + "_" + written[s.label()]++ + ".bin", raw);
        }
        files.put(SAMPLES_DIR + "/labels.txt", (String.join("\n", ShapeImages.CLASSES) + "\n").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static double round4(double v) { return Math.round(v * 10000) / 10000.0; }
}
