package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.Pass;

/**
 * TRANSPOSE / RESHAPE of a DEQUANTIZEd activation become DEQUANTIZE of the int8 TRANSPOSE / RESHAPE (exact:
 * moving elements commutes with a per-tensor dequantization). The frontend's layout changes (NCHW graph
 * inputs to NHWC, Flatten) then sit in the integer domain and the op lowerings find DEQUANTIZE right
 * before the float op. Runs first in the QDQ lowering.
 */
public final class SinkDequantize implements Pass {
    @Override public String name() { return "lower-qdq-layout"; }

    @Override public void run(Graph g) {
        for (Node op : new ArrayList<>(g.nodes())) {
            if (op.kind() != OpKind.TRANSPOSE && op.kind() != OpKind.RESHAPE) continue;
            Value q = Int8Values.dequantized(op.input(0));
            if (q == null || q.isConstant() || !op.output().type().elementType().isFloat()) continue;
            Value q8 = Int8Values.view(g, q);
            Value f = op.output();
            String name = f.name();
            int at = g.nodes().indexOf(op);
            Value moved = g.newValue(g.uniqueName(name + "_q"), q8.type().withShape(f.type().shape()));
            g.insertNode(at, op.name(), op.kind(), op.attrs(), List.of(q8), List.of(moved));
            Value nf = g.newValue(g.uniqueName(name + "_f"), f.type());
            g.insertNode(at + 1, g.uniqueName(name + "_dequantize"), OpKind.DEQUANTIZE, Attrs.None.INSTANCE, List.of(moved), List.of(nf));
            g.replaceAllUses(f, nf);
            g.removeNode(op);
            g.renameValue(nf, name);
        }
    }
}
