package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.floateval.FloatEvaluator;
import dev.tinyforge.testmodels.floateval.FloatTensor;
import dev.tinyforge.testmodels.train.ShapeImages;
import dev.tinyforge.testmodels.train.ShapesTrainer;
import org.junit.jupiter.api.Test;

import dev.tinyforge.ir.OpKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The quantization the generators chose is meaningful: on fresh inputs (not the calibration ones) every
 * int8 activation takes many levels, reaches a good part of its range, and is not stuck at a clamp.
 */
class TestModelActivationsTest {

    private static final Set<OpKind> FIXED_RANGE = EnumSet.of(OpKind.LOGISTIC, OpKind.TANH, OpKind.SOFTMAX, OpKind.LOG_SOFTMAX);

    private static void assertMeaningful(String model, List<List<FloatTensor>> inputs) {
        Graph g = GeneratedModels.all().get(model).graph();
        Map<Value, Set<Integer>> levels = new IdentityHashMap<>();
        Map<Value, int[]> saturated = new IdentityHashMap<>();
        for (List<FloatTensor> in : inputs) {
            for (Map.Entry<Value, FloatTensor> e : FloatEvaluator.run(g, in).entrySet()) {
                Value v = e.getKey();
                if (v.isConstant() || v.type().quant() == null) continue;
                Quant q = v.type().quant();
                Set<Integer> s = levels.computeIfAbsent(v, k -> new TreeSet<>());
                int[] sat = saturated.computeIfAbsent(v, k -> new int[2]);
                for (float r : e.getValue().data()) {
                    int level = (int) Math.round(r / q.scale()) + q.zeroPoint();
                    s.add(level);
                    if (level == 127) sat[0]++;
                    sat[1]++;
                }
            }
        }
        for (Map.Entry<Value, Set<Integer>> e : levels.entrySet()) {
            String name = model + " %" + e.getKey().name();
            TreeSet<Integer> s = (TreeSet<Integer>) e.getValue();
            assertTrue(s.size() >= 6, name + " takes only " + s.size() + " levels: " + s);
            // Calibrated ranges should be used well; the fixed output ranges of LOGISTIC, TANH, SOFTMAX and
            // LOG_SOFTMAX cover more than these inputs reach.
            if (!FIXED_RANGE.contains(e.getKey().producer() == null ? null : e.getKey().producer().kind()))
                assertTrue(s.last() - s.first() >= 64, name + " spans only levels " + s.first() + ".." + s.last());
            int[] sat = saturated.get(e.getKey());
            assertTrue(sat[0] < sat[1] / 4, name + " is clamped at 127 in " + sat[0] + " of " + sat[1] + " elements");
        }
    }

    private static List<List<FloatTensor>> uniform(String model, float lo, float hi) {
        return Calibration.uniformInputs(GeneratedModels.all().get(model).graph(), 999, 8, lo, hi);
    }

    @Test void tinyConvnet() { assertMeaningful(TinyConvnetModel.NAME, uniform(TinyConvnetModel.NAME, 0f, 1f)); }

    @Test void residual() { assertMeaningful(ResidualModel.NAME, uniform(ResidualModel.NAME, -1f, 1f)); }

    @Test void opsZoo() { assertMeaningful(OpsZooModel.NAME, uniform(OpsZooModel.NAME, -3f, 3f)); }

    @Test void microKws() { assertMeaningful(MicroKwsModel.NAME, uniform(MicroKwsModel.NAME, -2f, 2f)); }

    @Test void shapesClassifier() {
        List<List<FloatTensor>> images = new ArrayList<>();
        for (ShapeImages.Sample s : ShapesTrainer.dataset(12345, 16))
            images.add(List.of(new FloatTensor(new int[] {1, 32, 32, 1}, s.pixels())));
        assertMeaningful(ShapesClassifierModel.NAME, images);
    }
}
