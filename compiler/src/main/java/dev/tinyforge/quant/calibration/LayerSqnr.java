package dev.tinyforge.quant.calibration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;

/**
 * Signal-to-quantization-noise ratio per layer: for every float value of the original graph that has an
 * int8 counterpart, 10 log10(sum f^2 / sum (f - dequantized q)^2) over the samples, in dB.
 */
public final class LayerSqnr {
    public record Row(String layer, String op, double sqnrDb) {}

    private LayerSqnr() {}

    public static List<Row> measure(Graph floatGraph, PostTrainingQuantizer.Result q, List<List<Tensor>> samples) {
        Map<Value, double[]> acc = new LinkedHashMap<>(); // signal, noise
        Map<Value, Node> producers = new HashMap<>();
        Interpreter interp = new Interpreter();
        for (List<Tensor> sample : samples) {
            Map<Value, Tensor> fl = new HashMap<>(), in8 = new HashMap<>();
            interp.run(floatGraph, sample, (int i, Node n, List<Tensor> outs) -> {
                for (int k = 0; k < outs.size(); k++) { fl.put(n.output(k), outs.get(k)); producers.put(n.output(k), n); }
            });
            interp.run(q.graph(), sample, (int i, Node n, List<Tensor> outs) -> {
                for (int k = 0; k < outs.size(); k++) in8.put(n.output(k), outs.get(k));
            });
            for (Map.Entry<Value, Value> e : q.int8Values().entrySet()) {
                Tensor f = fl.get(e.getKey()), t = in8.get(e.getValue());
                if (f == null || t == null) continue;
                double[] a = acc.computeIfAbsent(e.getKey(), k -> new double[2]);
                dev.tinyforge.ir.Quant qq = t.type().quant();
                for (int j = 0; j < f.size(); j++) {
                    double fv = f.getDouble(j), dq = qq.scale() * (t.getLong(j) - qq.zeroPoint());
                    a[0] += fv * fv;
                    a[1] += (fv - dq) * (fv - dq);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Node n : floatGraph.nodes())
            for (Value o : n.outputs()) {
                double[] a = acc.get(o);
                if (a == null) continue;
                rows.add(new Row(o.name(), n.kind().irName(), a[1] == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(a[0] / a[1])));
            }
        return rows;
    }

    /** SQNR in dB of a whole output tensor list against a reference. */
    public static double sqnr(List<Tensor> reference, List<Tensor> test) {
        double s = 0, n = 0;
        for (int i = 0; i < reference.size(); i++)
            for (int j = 0; j < reference.get(i).size(); j++) {
                double f = reference.get(i).getDouble(j), d = f - test.get(i).getDouble(j);
                s += f * f;
                n += d * d;
            }
        return n == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(s / n);
    }

    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format("%-40s %-22s %10s%n", "layer", "op", "SQNR dB"));
        for (Row r : rows) b.append(String.format("%-40s %-22s %10.2f%n", r.layer(), r.op(), r.sqnrDb()));
        return b.toString();
    }
}
