package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph in real numbers, node by node, and returns every value. On a float graph this is the
 * model's float forward pass (the test-model generators calibrate quantization with it). On a quantized
 * graph it simulates int8 inference: quantized constants and inputs are dequantized, and every quantized
 * node output is rounded to its int8 grid (fake quantization). That tracks a real int8 kernel to within
 * a step or so, which is enough to estimate int8 accuracy; it is not bit-exact.
 */
public final class FloatEvaluator {
    private FloatEvaluator() {}

    /** @param inputs real values of the graph inputs, in order */
    public static Map<Value, FloatTensor> run(Graph g, List<FloatTensor> inputs) {
        Map<Value, FloatTensor> env = new IdentityHashMap<>();
        for (int i = 0; i < g.inputs().size(); i++) {
            Value v = g.inputs().get(i);
            env.put(v, fakeQuantize(inputs.get(i), v.type()));
        }
        for (Node n : g.nodes()) {
            FloatTensor[] ins = new FloatTensor[n.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                Value v = n.input(i);
                if (v == null) continue;
                if (!env.containsKey(v) && v.isConstant()) env.put(v, dequantize(v.constant()));
                ins[i] = env.get(v);
                if (ins[i] == null) throw new IllegalStateException(n + ": input %" + v.name() + " has no value yet");
            }
            FloatTensor[] outs = FloatOps.apply(n, ins);
            for (int i = 0; i < outs.length; i++) env.put(n.output(i), fakeQuantize(outs[i], n.output(i).type()));
        }
        return env;
    }

    /**
     * One node on given real inputs (null for an absent optional input; constants may be passed as null
     * and are then dequantized here); outputs are rounded to their quantization grid like {@link #run}'s.
     */
    public static List<FloatTensor> evaluateNode(Node n, List<FloatTensor> inputs) {
        FloatTensor[] ins = new FloatTensor[n.inputs().size()];
        for (int i = 0; i < ins.length; i++) {
            Value v = n.input(i);
            ins[i] = v == null ? null : v.isConstant() ? dequantize(v.constant()) : inputs.get(i);
        }
        FloatTensor[] outs = FloatOps.apply(n, ins);
        List<FloatTensor> r = new java.util.ArrayList<>();
        for (int i = 0; i < outs.length; i++) r.add(fakeQuantize(outs[i], n.output(i).type()));
        return r;
    }

    /** Real values of a constant: float32 as is, quantized data as scale * (q - zero point), per channel if so. */
    public static FloatTensor dequantize(Tensor t) {
        TensorType type = t.type();
        float[] out = new float[t.size()];
        Quant q = type.quant();
        int[] strides = dev.tinyforge.testmodels.floateval.Shapes.strides(type.shape());
        for (int i = 0; i < out.length; i++) {
            if (type.elementType() == ElementType.FLOAT32) out[i] = t.float32()[i];
            else if (q == null) out[i] = t.getLong(i);
            else {
                int c = q.isPerChannel() ? (i / strides[q.axis()]) % type.dim(q.axis()) : 0;
                out[i] = (float) (q.scale(c) * ((double) t.getLong(i) - q.zeroPoint(c)));
            }
        }
        return new FloatTensor(type.shape(), out);
    }

    /** Rounds to the value's quantization grid and clamps to its integer range; float values pass through. */
    static FloatTensor fakeQuantize(FloatTensor x, TensorType type) {
        if (type.quant() == null || type.quant().isPerChannel()) return x;
        long lo, hi;
        switch (type.elementType()) {
            case INT8 -> { lo = -128; hi = 127; }
            case UINT8 -> { lo = 0; hi = 255; }
            case INT16 -> { lo = -32768; hi = 32767; }
            default -> { return x; }
        }
        double scale = type.quant().scale();
        int zp = type.quant().zeroPoint();
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            long q = Math.max(lo, Math.min(hi, Math.round(x.data()[i] / scale) + zp));
            out[i] = (float) (scale * (q - zp));
        }
        return new FloatTensor(x.shape(), out);
    }

    /** PAD's value is in the storage domain; this is the real number it stands for. */
    static float realPadValue(Attrs.Pad a, TensorType in) {
        if (in.quant() == null) return (float) a.value();
        return (float) (in.quant().scale() * (a.value() - in.quant().zeroPoint()));
    }
}
