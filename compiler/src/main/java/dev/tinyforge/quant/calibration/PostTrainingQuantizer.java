package dev.tinyforge.quant.calibration;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Post-training int8 quantization of a float graph, TFLite's scheme: activations per-tensor asymmetric
 * from calibrated ranges, conv / depthwise weights per-channel symmetric (FC per-tensor symmetric), int32
 * biases at input scale times weight scale. Ops that the int8 kernels take with the same quantization in
 * and out (pools, reshapes, max/min, ...) inherit their input's; softmax / logistic / tanh get TFLite's fixed
 * output quantization. Ops without an int8 kernel stay float between DEQUANTIZE and QUANTIZE. The graph's
 * inputs and outputs stay float, so the quantized model is a drop-in replacement.
 */
public final class PostTrainingQuantizer {

    /** The quantized graph and, for every float value of the original, its int8 counterpart (when it has one). */
    public record Result(Graph graph, Map<Value, Value> int8Values) {}

    private static final Set<OpKind> RESCALING = EnumSet.of(OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.FULLY_CONNECTED,
            OpKind.ADD, OpKind.SUB, OpKind.MUL, OpKind.MEAN, OpKind.RELU, OpKind.RELU_N1_TO_1, OpKind.HARD_SWISH,
            OpKind.LEAKY_RELU, OpKind.CONCATENATION);
    private static final Set<OpKind> SAME_QUANT = EnumSet.of(OpKind.MAX_POOL_2D, OpKind.AVERAGE_POOL_2D, OpKind.RESHAPE,
            OpKind.TRANSPOSE, OpKind.STRIDED_SLICE, OpKind.SPLIT, OpKind.PAD, OpKind.RESIZE_NEAREST_NEIGHBOR,
            OpKind.RESIZE_BILINEAR, OpKind.RELU6, OpKind.MAXIMUM, OpKind.MINIMUM);
    private static final Set<OpKind> FIXED = EnumSet.of(OpKind.SOFTMAX, OpKind.LOGISTIC, OpKind.TANH);

    private final Graph src;
    private final Graph dst;
    private final Map<Value, double[]> ranges;
    private final Map<Value, Value> floatOf = new HashMap<>(), int8Of = new HashMap<>();

    private PostTrainingQuantizer(Graph src, Map<Value, double[]> ranges) {
        this.src = src;
        this.ranges = ranges;
        this.dst = new Graph(src.name() + "_int8");
    }

    public static Result quantize(Graph g, Map<Value, double[]> ranges) {
        PostTrainingQuantizer q = new PostTrainingQuantizer(g, ranges);
        for (Value in : g.inputs()) q.floatOf.put(in, q.dst.addInput(in.name(), in.type()));
        for (Node n : g.nodes()) {
            if (q.canQuantize(n)) q.quantizeNode(n);
            else q.copyFloat(n);
        }
        for (Value out : g.outputs()) q.dst.addOutput(q.floatVersion(out));
        return new Result(q.dst, q.int8Of);
    }

    private boolean canQuantize(Node n) {
        if (!RESCALING.contains(n.kind()) && !SAME_QUANT.contains(n.kind()) && !FIXED.contains(n.kind())) return false;
        for (Value v : n.inputs()) if (v != null && !v.isConstant() && v.type().elementType() != ElementType.FLOAT32) return false;
        for (Value v : n.outputs()) if (v.type().elementType() != ElementType.FLOAT32) return false;
        if (n.kind() == OpKind.CONV_2D || n.kind() == OpKind.DEPTHWISE_CONV_2D || n.kind() == OpKind.FULLY_CONNECTED)
            return n.input(1) != null && n.input(1).isConstant() && (n.input(2) == null || n.input(2).isConstant());
        return true;
    }

    // ---- value versions -------------------------------------------------------------------------------

    private Value floatVersion(Value v) {
        if (v.isConstant()) return dst.newConstant(v.name(), v.constant());
        Value f = floatOf.get(v);
        if (f != null) return f;
        Value q = int8Of.get(v);
        f = dst.newValue(v.name() + "_f", v.type());
        dst.addNode(dst.uniqueName(v.name() + "_dequantize"), OpKind.DEQUANTIZE, Attrs.None.INSTANCE, List.of(q), List.of(f));
        floatOf.put(v, f);
        return f;
    }

    private Value int8Version(Value v) {
        Value q = int8Of.get(v);
        if (q != null) return q;
        Value f = floatOf.get(v);
        q = dst.newValue(v.name() + "_q", v.type().withElementType(ElementType.INT8).withQuant(activationQuant(v)));
        dst.addNode(dst.uniqueName(v.name() + "_quantize"), OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(f), List.of(q));
        int8Of.put(v, q);
        return q;
    }

    /** {@code q} requantized to {@code target} (itself when already so). */
    private Value requantize(Value q, Quant target) {
        if (target.equals(q.type().quant())) return q;
        Value r = dst.newValue(q.name() + "_rq", q.type().withQuant(target));
        dst.addNode(dst.uniqueName(q.name() + "_requantize"), OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(q), List.of(r));
        return r;
    }

    private Quant activationQuant(Value v) {
        double[] r = ranges.get(v);
        if (r == null) throw new dev.tinyforge.CompileException("no calibration range for %" + v.name());
        return asymmetric(r[0], r[1]);
    }

    static Quant asymmetric(double min, double max) {
        min = Math.min(min, 0);
        max = Math.max(max, 0);
        double scale = (max - min) / 255.0;
        if (scale <= 0) scale = 1e-8; // a constant-zero tensor
        long zp = Math.round(-128 - min / scale);
        return Quant.perTensor((float) scale, (int) Math.max(-128, Math.min(127, zp)));
    }

    // ---- nodes --------------------------------------------------------------------------------------

    private void copyFloat(Node n) {
        List<Value> ins = new ArrayList<>(), outs = new ArrayList<>();
        for (Value v : n.inputs()) ins.add(v == null ? null : floatVersion(v));
        for (Value o : n.outputs()) {
            Value f = dst.newValue(o.name(), o.type());
            floatOf.put(o, f);
            outs.add(f);
        }
        dst.addNode(n.name(), n.kind(), n.attrs(), ins, outs);
    }

    private void quantizeNode(Node n) {
        OpKind k = n.kind();
        List<Value> ins = new ArrayList<>();
        Attrs attrs = n.attrs();
        if (k == OpKind.CONV_2D || k == OpKind.DEPTHWISE_CONV_2D || k == OpKind.FULLY_CONNECTED) {
            Value x = int8Version(n.input(0));
            int axis = k == OpKind.DEPTHWISE_CONV_2D ? 3 : 0;
            Tensor w = WeightQuantizer.symmetric(n.input(1).constant(), axis, k != OpKind.FULLY_CONNECTED);
            ins.add(x);
            ins.add(dst.newConstant(n.input(1).name(), w));
            if (n.input(2) != null)
                ins.add(dst.newConstant(n.input(2).name(), WeightQuantizer.bias(n.input(2).constant(), x.type().quant().scale(), w.type().quant())));
            else ins.add(null);
            for (int i = 3; i < n.inputs().size(); i++) ins.add(null);
        } else if (SAME_QUANT.contains(k)) {
            Value x0 = int8Version(n.input(0));
            Quant q = x0.type().quant();
            ins.add(x0);
            for (int i = 1; i < n.inputs().size(); i++) {
                Value v = n.input(i);
                if (v == null) ins.add(null);
                else if (v.isConstant()) ins.add(dst.newConstant(v.name(), WeightQuantizer.withQuant(v.constant(), q)));
                else ins.add(requantize(int8Version(v), q));
            }
            if (attrs instanceof Attrs.Pad p) attrs = new Attrs.Pad(p.pads(), Math.max(-128, Math.min(127, Math.round(p.value() / q.scale()) + q.zeroPoint())));
            emitInt8(n, ins, attrs, q);
            return;
        } else if (k == OpKind.CONCATENATION) {
            Quant q = activationQuant(n.output());
            for (Value v : n.inputs())
                ins.add(v.isConstant() ? dst.newConstant(v.name(), WeightQuantizer.withQuant(v.constant(), q)) : requantize(int8Version(v), q));
            emitInt8(n, ins, attrs, q);
            return;
        } else {
            for (Value v : n.inputs()) {
                if (v == null) ins.add(null);
                else if (v.isConstant()) ins.add(dst.newConstant(v.name(), WeightQuantizer.withQuant(v.constant(), ownQuant(v.constant()))));
                else ins.add(int8Version(v));
            }
        }
        Quant out = switch (k) {
            case SOFTMAX, LOGISTIC -> Quant.perTensor(1f / 256, -128);
            case TANH -> Quant.perTensor(1f / 128, 0);
            default -> activationQuant(n.output());
        };
        emitInt8(n, ins, attrs, out);
    }

    private static Quant ownQuant(Tensor t) {
        double min = 0, max = 0;
        for (int i = 0; i < t.size(); i++) { min = Math.min(min, t.getDouble(i)); max = Math.max(max, t.getDouble(i)); }
        return asymmetric(min, max);
    }

    private void emitInt8(Node n, List<Value> ins, Attrs attrs, Quant q) {
        List<Value> outs = new ArrayList<>();
        for (Value o : n.outputs()) {
            Value v = dst.newValue(o.name(), o.type().withElementType(ElementType.INT8).withQuant(q));
            int8Of.put(o, v);
            outs.add(v);
        }
        dst.addNode(n.name(), n.kind(), attrs, ins, outs);
    }
}
