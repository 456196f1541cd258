package dev.tinyforge.passes.qdq;

import java.util.List;

import dev.tinyforge.interp.ops.TransposeEval;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;

/**
 * The quantized constant behind a float operand: DEQUANTIZE of a constant, seen through the TRANSPOSE and
 * RESHAPE nodes the frontend put between it and the op (NCHW weights to OHWI, Gemm's transposes). The
 * same moves are applied to the stored integers, with a per-channel axis following its dimension.
 */
final class QuantizedConstant {
    private QuantizedConstant() {}

    /** The integer tensor (its type carries the quantization) whose dequantization f is, or null. */
    static Tensor of(Value f) {
        Node p = f.producer();
        if (p == null) return null;
        if (p.kind() == OpKind.DEQUANTIZE) {
            Value q = p.input(0);
            return q.isConstant() && q.type().quant() != null ? q.constant() : null;
        }
        if (p.kind() != OpKind.TRANSPOSE && p.kind() != OpKind.RESHAPE) return null;
        Tensor t = of(p.input(0));
        if (t == null) return null;
        Quant q = t.type().quant();
        if (p.kind() == OpKind.RESHAPE) {
            if (q.isPerChannel()) return null;
            return t.reinterpret(t.type().withShape(f.type().shape()));
        }
        int[] perm = p.attrs(Attrs.Transpose.class).perm();
        Tensor moved = transpose(t, perm, f);
        if (!q.isPerChannel()) return moved;
        int axis = -1;
        for (int i = 0; i < perm.length; i++) if (perm[i] == q.axis()) axis = i;
        return moved.reinterpret(moved.type().withQuant(new Quant(q.scales(), q.zeroPoints(), axis)));
    }

    private static Tensor transpose(Tensor t, int[] perm, Value f) {
        Graph tmp = new Graph("transpose");
        Value in = tmp.addInput("x", t.type());
        Node n = tmp.addNode("t", OpKind.TRANSPOSE, new Attrs.Transpose(perm), List.of(in),
                List.of(tmp.newValue("y", t.type().withShape(f.type().shape()).withQuant(t.type().quant()))));
        return new TransposeEval().evaluate(n, new Tensor[] {t})[0];
    }
}
