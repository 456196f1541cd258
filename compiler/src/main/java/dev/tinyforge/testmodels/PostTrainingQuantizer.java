package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a calibrated float graph into a full-int8 graph the way TFLite's post-training quantizer does:
 * <ul>
 * <li>activations: per-tensor asymmetric int8 from the observed range;</li>
 * <li>ops whose int8 kernels do not rescale (pools, reshape, transpose, slices, split, pack, unpack,
 *     concatenation, pad, resize, maximum, minimum, and RELU6, which TFLM clamps on raw values) share one
 *     quantization between their inputs and outputs, so their ranges are merged;</li>
 * <li>LOGISTIC and SOFTMAX outputs get 1/256 with zero point -128, TANH 1/128 with 0, LOG_SOFTMAX 16/256
 *     with 127, as TFLite's kernels require;</li>
 * <li>conv and depthwise weights are symmetric per output channel, FC weights and PRELU slopes per tensor,
 *     biases int32 with scale input_scale * weight_scale; constant operands of ADD/SUB/MUL get their own
 *     asymmetric parameters, those of ops that share quantization take the shared one;</li>
 * <li>graph inputs consumed only by QUANTIZE and outputs of DEQUANTIZE stay float32.</li>
 * </ul>
 */
public final class PostTrainingQuantizer {

    private static final Set<OpKind> SHARED_QUANT = EnumSet.of(OpKind.AVERAGE_POOL_2D, OpKind.MAX_POOL_2D, OpKind.RESHAPE,
            OpKind.TRANSPOSE, OpKind.STRIDED_SLICE, OpKind.SPLIT, OpKind.PACK, OpKind.UNPACK, OpKind.CONCATENATION, OpKind.PAD,
            OpKind.RESIZE_NEAREST_NEIGHBOR, OpKind.RESIZE_BILINEAR, OpKind.MAXIMUM, OpKind.MINIMUM, OpKind.RELU6);

    private final Graph floatGraph;
    private final Map<Value, float[]> ranges;
    private final Map<Value, Value> parent = new IdentityHashMap<>();
    private final Map<Value, Quant> fixed = new IdentityHashMap<>();
    private final Map<Value, Quant> groupQuant = new IdentityHashMap<>();
    private final Set<Value> keptFloat = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Value, Value> mapped = new IdentityHashMap<>();
    private Graph q;

    private PostTrainingQuantizer(Graph floatGraph, Map<Value, float[]> ranges) {
        this.floatGraph = floatGraph;
        this.ranges = ranges;
    }

    public static Graph quantize(Graph floatGraph, Map<Value, float[]> ranges) {
        return new PostTrainingQuantizer(floatGraph, ranges).run();
    }

    private Graph run() {
        findFloatValues();
        for (Node n : floatGraph.nodes()) {
            if (SHARED_QUANT.contains(n.kind())) {
                Value first = n.output();
                for (Value v : n.inputs()) if (v != null && !v.isConstant()) union(first, v);
                for (Value v : n.outputs()) union(first, v);
            }
            Quant f = switch (n.kind()) {
                case LOGISTIC, SOFTMAX -> Quant.perTensor(1f / 256, -128);
                case TANH -> Quant.perTensor(1f / 128, 0);
                case LOG_SOFTMAX -> Quant.perTensor(16f / 256, 127);
                default -> null;
            };
            if (f != null) fixed.put(n.output(), f);
        }
        q = new Graph(floatGraph.name());
        for (Value in : floatGraph.inputs()) mapped.put(in, q.addInput(in.name(), activationType(in)));
        for (Node n : floatGraph.nodes()) {
            List<Value> ins = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) ins.add(mapInput(n, i));
            List<Value> outs = new ArrayList<>();
            for (Value o : n.outputs()) {
                Value v = q.newValue(o.name(), activationType(o));
                mapped.put(o, v);
                outs.add(v);
            }
            q.addNode(n.name(), n.kind(), quantizedAttrs(n), ins, outs);
        }
        for (Value o : floatGraph.outputs()) q.addOutput(mapped.get(o));
        return q;
    }

    private void findFloatValues() {
        for (Value in : floatGraph.inputs())
            if (!in.users().isEmpty() && in.users().stream().allMatch(u -> u.kind() == OpKind.QUANTIZE)) keptFloat.add(in);
        for (Node n : floatGraph.nodes()) if (n.kind() == OpKind.DEQUANTIZE) keptFloat.add(n.output());
    }

    private TensorType activationType(Value v) {
        if (keptFloat.contains(v)) return v.type();
        return new TensorType(ElementType.INT8, v.type().shape(), activationQuant(v));
    }

    /** The quantization of a (non-constant) value: fixed by its op, or from its group's merged range. */
    Quant activationQuant(Value v) {
        Value root = find(v);
        return groupQuant.computeIfAbsent(root, r -> {
            Quant chosen = null;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (Value member : members(r)) {
                Quant f = fixed.get(member);
                if (f != null) {
                    if (chosen != null && !chosen.equals(f))
                        throw new IllegalStateException("%" + member.name() + " must share quantization with values whose kernels fix another one");
                    chosen = f;
                }
                float[] range = ranges.get(member);
                if (range == null) throw new IllegalStateException("no calibration range for %" + member.name());
                min = Math.min(min, range[0]);
                max = Math.max(max, range[1]);
            }
            return chosen != null ? chosen : QuantParams.asymmetric(min, max);
        });
    }

    private Value mapInput(Node n, int i) {
        Value v = n.input(i);
        if (v == null) return null;
        if (!v.isConstant()) return mapped.get(v);
        String name = v.name();
        float[] data = v.constant().float32();
        int[] shape = v.type().shape();
        return switch (n.kind()) {
            case CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED -> {
                Quant wq = weightQuant(n);
                if (i == 1) yield q.newConstant(name, ints8(data, shape, wq, -127, 127));
                float inScale = activationQuant(n.input(0)).scale();
                int channels = shape[0];
                float[] biasScales = new float[channels];
                int[] b = new int[channels];
                for (int c = 0; c < channels; c++) {
                    biasScales[c] = (float) ((double) inScale * wq.scale(c));
                    b[c] = (int) QuantParams.quantize(data[c], biasScales[c], 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
                }
                Quant bq = wq.isPerChannel() ? new Quant(biasScales, new int[channels], 0) : Quant.perTensor(biasScales[0], 0);
                yield q.newConstant(name, Tensor.wrap(new TensorType(ElementType.INT32, shape, bq), b));
            }
            case PRELU -> q.newConstant(name, ints8(data, shape, QuantParams.symmetric(data, shape, -1), -127, 127));
            case ADD, SUB, MUL -> {
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float f : data) { lo = Math.min(lo, f); hi = Math.max(hi, f); }
                yield q.newConstant(name, ints8(data, shape, QuantParams.asymmetric(lo, hi), -128, 127));
            }
            default -> {
                if (!SHARED_QUANT.contains(n.kind())) throw new IllegalStateException(n + ": no rule to quantize constant %" + name);
                yield q.newConstant(name, ints8(data, shape, activationQuant(n.output()), -128, 127));
            }
        };
    }

    /** Conv weights per output channel (axis 0), depthwise per channel (axis 3), FC per tensor. */
    private Quant weightQuant(Node n) {
        Value w = n.input(1);
        int axis = switch (n.kind()) {
            case CONV_2D -> 0;
            case DEPTHWISE_CONV_2D -> 3;
            default -> -1;
        };
        return QuantParams.symmetric(w.constant().float32(), w.type().shape(), axis);
    }

    private static Tensor ints8(float[] data, int[] shape, Quant quant, long lo, long hi) {
        byte[] out = new byte[data.length];
        int axis = quant.axis();
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        for (int i = 0; i < data.length; i++) {
            int c = quant.isPerChannel() ? (i / inner) % shape[axis] : 0;
            out[i] = (byte) QuantParams.quantize(data[i], quant.scale(c), quant.zeroPoint(c), lo, hi);
        }
        return Tensor.wrap(new TensorType(ElementType.INT8, shape, quant), out);
    }

    /** PAD's value moves from the real domain to the int8 storage domain. */
    private Attrs quantizedAttrs(Node n) {
        if (n.attrs() instanceof Attrs.Pad p && !keptFloat.contains(n.output())) {
            Quant qo = activationQuant(n.output());
            return new Attrs.Pad(p.pads(), QuantParams.quantize(p.value(), qo.scale(), qo.zeroPoint(), -128, 127));
        }
        return n.attrs();
    }

    // ---- union-find over values that must share quantization ----

    private Value find(Value v) {
        Value p = parent.getOrDefault(v, v);
        if (p == v) return v;
        Value root = find(p);
        parent.put(v, root);
        return root;
    }

    private void union(Value a, Value b) {
        if (keptFloat.contains(a) || keptFloat.contains(b)) return;
        Value ra = find(a), rb = find(b);
        if (ra != rb) parent.put(rb, ra);
    }

    private List<Value> members(Value root) {
        List<Value> r = new ArrayList<>();
        for (Value v : floatGraph.values()) if (!v.isConstant() && find(v) == root) r.add(v);
        return r;
    }
}
