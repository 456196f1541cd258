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
import dev.tinyforge.passes.FuseActivation.FusedActivation;
import dev.tinyforge.passes.Pass;

/**
 * MAX_POOL_2D, AVERAGE_POOL_2D and MEAN (ONNX GlobalAveragePool) of a DEQUANTIZEd value whose result is
 * quantized become the int8 op. TFLite's pools keep their input's quantization, so a result quantized
 * differently gets a requantizing QUANTIZE after the pool; MEAN requantizes itself. Max pooling is exact
 * (max commutes with quantizing); averages round half away from zero where ONNX rounds half to even, so
 * exact ties (sum / count = k + 0.5 in LSB) differ by 1 LSB, and a requantization after a pool rounds twice
 * (at most 1 LSB).
 */
public final class LowerQdqPool implements Pass {
    @Override public String name() { return "lower-qdq-pool"; }

    @Override public void run(Graph g) {
        for (Node op : new ArrayList<>(g.nodes())) {
            boolean pool = op.kind() == OpKind.MAX_POOL_2D || op.kind() == OpKind.AVERAGE_POOL_2D;
            if (!pool && op.kind() != OpKind.MEAN) continue;
            if (!g.nodes().contains(op) || !op.output().type().elementType().isFloat()) continue;
            Value x = Int8Values.dequantized(op.input(0));
            if (x == null || pool && FusedActivation.of(op.attrs()) != Activation.NONE) continue;
            QuantizedResult r = QuantizedResult.of(g, op.output());
            if (r == null || !pool && r.activation() != Activation.NONE) continue;
            Value x8 = Int8Values.view(g, x);
            TensorType outType = pool ? x8.type().withShape(op.output().type().shape()) : Int8Values.int8Type(r.q().type());
            Attrs attrs = pool ? FusedActivation.with(op.attrs(), r.activation()) : op.attrs();
            if (pool && r.activation() != Activation.NONE && !outType.equals(Int8Values.int8Type(r.q().type()))) continue;
            Int8Values.replace(g, op, op.kind(), attrs, List.of(x8), outType, r);
        }
    }
}
