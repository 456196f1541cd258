package dev.tinyforge.quant.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;

/** Runs a float graph on the calibration set and records a calibrator per float activation value. */
public final class ActivationRanges {
    private ActivationRanges() {}

    public static Map<Value, double[]> measure(Graph g, List<List<Tensor>> samples, String calibrator) {
        Map<Value, Calibrator> cals = new LinkedHashMap<>();
        Interpreter interp = new Interpreter();
        for (List<Tensor> sample : samples) {
            for (int i = 0; i < g.inputs().size(); i++) observe(cals, g.inputs().get(i), sample.get(i), calibrator);
            interp.run(g, sample, (int index, Node node, List<Tensor> outs) -> {
                for (int k = 0; k < outs.size(); k++) observe(cals, node.output(k), outs.get(k), calibrator);
            });
        }
        Map<Value, double[]> ranges = new LinkedHashMap<>();
        cals.forEach((v, c) -> ranges.put(v, c.range()));
        return ranges;
    }

    private static void observe(Map<Value, Calibrator> cals, Value v, Tensor t, String kind) {
        if (!t.type().elementType().isFloat()) return;
        cals.computeIfAbsent(v, k -> Calibrator.create(kind)).observe(t.float32());
    }
}
