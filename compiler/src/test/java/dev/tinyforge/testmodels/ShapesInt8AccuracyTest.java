package dev.tinyforge.testmodels;

import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.testing.Shared;
import dev.tinyforge.testmodels.train.ShapeImages;
import dev.tinyforge.testmodels.train.ShapesTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The committed demo model, run with TFLM's int8 arithmetic (the interpreter), classifies held-out images well. */
class ShapesInt8AccuracyTest {

    @Test void int8AccuracyOnHeldOutImages() {
        Graph g = TfliteReader.read(Shared.repoRoot().resolve("test-models/" + ShapesClassifierModel.NAME + ".tflite"));
        Quant q = g.inputs().get(0).type().quant();
        List<ShapeImages.Sample> test = ShapesTrainer.testSet(ShapesClassifierModel.SEED);
        int correct = 0;
        for (ShapeImages.Sample s : test) {
            Tensor in = Tensor.zeros(g.inputs().get(0).type());
            for (int i = 0; i < s.pixels().length; i++)
                in.setLong(i, QuantParams.quantize(s.pixels()[i], q.scale(), q.zeroPoint(), -128, 127));
            Tensor out = new Interpreter().run(g, List.of(in)).get(0);
            int best = 0;
            for (int k = 1; k < out.size(); k++) if (out.getInt(k) > out.getInt(best)) best = k;
            if (best == s.label()) correct++;
        }
        double accuracy = correct / (double) test.size();
        System.out.printf("shapes_classifier_int8: int8 accuracy (interpreter, TFLM arithmetic) %.4f on %d held-out images%n",
                accuracy, test.size());
        assertTrue(accuracy >= 0.95, "int8 accuracy " + accuracy);
    }
}
