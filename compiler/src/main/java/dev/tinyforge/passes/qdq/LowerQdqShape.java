package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.Pass;

/**
 * Data movement between DEQUANTIZE and a quantized result: RESHAPE, TRANSPOSE and CONCATENATION become
 * the int8 op on the stored values, which keeps the quantization (TFLite's concatenation copies bytes, so
 * inputs quantized otherwise than the result are requantized first). Exact when the quantizations agree
 * (ORT's quantizer makes them agree); each requantization is at most 1 LSB from ONNX's float one.
 */
public final class LowerQdqShape implements Pass {
    @Override public String name() { return "lower-qdq-shape"; }

    @Override public void run(Graph g) {
        for (Node op : new ArrayList<>(g.nodes())) {
            if (op.kind() != OpKind.RESHAPE && op.kind() != OpKind.TRANSPOSE && op.kind() != OpKind.CONCATENATION) continue;
            if (!g.nodes().contains(op) || !op.output().type().elementType().isFloat()) continue;
            if (op.kind() == OpKind.CONCATENATION && op.attrs(Attrs.Concat.class).activation() != Activation.NONE) continue;
            List<Value> qs = new ArrayList<>();
            for (Value in : op.inputs()) qs.add(Int8Values.dequantized(in));
            if (qs.isEmpty() || qs.contains(null)) continue;
            QuantizedResult r = QuantizedResult.of(g, op.output());
            if (r == null || r.activation() != Activation.NONE) continue;
            TensorType out8 = Int8Values.int8Type(r.q().type());
            List<Value> ins = new ArrayList<>();
            for (Value q : qs) ins.add(Int8Values.view(g, q));
            TensorType outType;
            if (op.kind() == OpKind.CONCATENATION) {
                for (int i = 0; i < ins.size(); i++) ins.set(i, requantized(g, ins.get(i), out8));
                outType = out8;
            } else {
                outType = ins.get(0).type().withShape(op.output().type().shape());
            }
            Int8Values.replace(g, op, op.kind(), op.attrs(), ins, outType, r);
        }
    }

    /** v with the quantization of {@code like}: itself, or a requantizing QUANTIZE after its producer. */
    static Value requantized(Graph g, Value v, TensorType like) {
        if (v.type().quant().equals(like.quant())) return v;
        Value out = g.newValue(g.uniqueName(v.name() + "_rq"), like.withShape(v.type().shape()));
        Node p = v.producer();
        g.insertNode(p == null ? 0 : g.nodes().indexOf(p) + 1, g.uniqueName(v.name() + "_requantize"), OpKind.QUANTIZE,
                dev.tinyforge.ir.Attrs.None.INSTANCE, List.of(v), List.of(out));
        return out;
    }
}
