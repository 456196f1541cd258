package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.floateval.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Calibration inputs from a seeded generator, and the calibrate-then-quantize step every synthetic model shares. */
public final class Calibration {
    private Calibration() {}

    /** {@code samples} input sets, each graph input filled uniformly from [lo, hi). */
    public static List<List<FloatTensor>> uniformInputs(Graph g, long seed, int samples, float lo, float hi) {
        Random rng = new Random(seed);
        List<List<FloatTensor>> all = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            List<FloatTensor> one = new ArrayList<>();
            for (Value in : g.inputs()) {
                FloatTensor t = FloatTensor.zeros(in.type().shape());
                for (int i = 0; i < t.size(); i++) t.data()[i] = lo + (hi - lo) * rng.nextFloat();
                one.add(t);
            }
            all.add(one);
        }
        return all;
    }

    public static Graph quantize(Graph floatGraph, List<List<FloatTensor>> samples) {
        return PostTrainingQuantizer.quantize(floatGraph, RangeObserver.observe(floatGraph, samples));
    }
}
