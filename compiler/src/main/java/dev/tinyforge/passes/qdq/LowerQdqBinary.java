package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.FuseActivation.FusedActivation;
import dev.tinyforge.passes.Pass;

/**
 * Float ADD / SUB / MUL of two DEQUANTIZEd int8 / uint8 values whose result is quantized (QDQ models,
 * QLinearAdd / QLinearMul) become the int8 op (TFLite's: inputs rescaled to a common scale with 20 bits of
 * headroom for ADD / SUB, one multiplier for MUL). Versus ONNX's float definition: at most 1 LSB, on
 * results within the fixed-point error (about 2^-20 of an LSB for ADD) of a rounding boundary.
 */
public final class LowerQdqBinary implements Pass {
    @Override public String name() { return "lower-qdq-binary"; }

    @Override public void run(Graph g) {
        for (Node op : new ArrayList<>(g.nodes())) {
            if (op.kind() != OpKind.ADD && op.kind() != OpKind.SUB && op.kind() != OpKind.MUL) continue;
            if (!g.nodes().contains(op) || !op.output().type().elementType().isFloat()) continue;
            Value a = Int8Values.dequantized(op.input(0)), b = Int8Values.dequantized(op.input(1));
            if (a == null || b == null || FusedActivation.of(op.attrs()) != Activation.NONE) continue;
            QuantizedResult r = QuantizedResult.of(g, op.output());
            if (r == null) continue;
            Value a8 = Int8Values.view(g, a), b8 = Int8Values.view(g, b);
            Int8Values.replace(g, op, op.kind(), FusedActivation.with(op.attrs(), r.activation()), List.of(a8, b8), r);
        }
    }
}
