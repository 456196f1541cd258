package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.floateval.FloatEvaluator;
import dev.tinyforge.testmodels.floateval.FloatTensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Runs a float graph on calibration inputs and records each value's {min, max} over all of them. */
public final class RangeObserver {
    private RangeObserver() {}

    /** @param samples one list of graph inputs per calibration sample */
    public static Map<Value, float[]> observe(Graph floatGraph, List<List<FloatTensor>> samples) {
        Map<Value, float[]> ranges = new IdentityHashMap<>();
        for (List<FloatTensor> sample : samples) {
            for (Map.Entry<Value, FloatTensor> e : FloatEvaluator.run(floatGraph, sample).entrySet()) {
                if (e.getKey().isConstant()) continue;
                float[] r = ranges.computeIfAbsent(e.getKey(), k -> new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
                for (float v : e.getValue().data()) {
                    r[0] = Math.min(r[0], v);
                    r[1] = Math.max(r[1], v);
                }
            }
        }
        return ranges;
    }
}
