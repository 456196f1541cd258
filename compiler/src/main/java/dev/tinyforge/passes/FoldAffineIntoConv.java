package dev.tinyforge.passes;

import java.util.ArrayList;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Float only: folds a MUL by a per-output-channel constant and an ADD of one (batch normalization after
 * ONNX import) into the preceding CONV_2D / DEPTHWISE_CONV_2D's filter and bias. The conv output must feed
 * only that MUL / ADD and have no fused activation. Results differ from the unfolded graph by float
 * rounding only.
 */
public final class FoldAffineIntoConv implements Pass {
    @Override public String name() { return "fold-affine-into-conv"; }

    @Override public void run(Graph g) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node op : new ArrayList<>(g.nodes())) {
                if (op.kind() != OpKind.MUL && op.kind() != OpKind.ADD) continue;
                if (fold(g, op)) { changed = true; break; }
            }
        }
    }

    private static boolean fold(Graph g, Node op) {
        Value x = op.input(0), c = op.input(1);
        if (c == null || !c.isConstant() || x.isConstant() || x.producer() == null) return false;
        Node conv = x.producer();
        if (conv.kind() != OpKind.CONV_2D && conv.kind() != OpKind.DEPTHWISE_CONV_2D) return false;
        if (x.type().elementType() != ElementType.FLOAT32 || x.users().size() != 1 || g.outputs().contains(x)) return false;
        if (dev.tinyforge.passes.FuseActivation.FusedActivation.of(conv.attrs()) != dev.tinyforge.ir.Activation.NONE) return false;
        if (!op.output().type().equals(x.type())) return false;
        Value f = conv.input(1), b = conv.input(2);
        if (f == null || !f.isConstant()) return false;
        int outC = x.type().dim(-1);
        Tensor k = c.constant();
        if (k.size() != outC && k.size() != 1) return false;
        if (k.type().rank() > 1 && k.type().dim(-1) != k.size()) return false; // only [C] or [1,..,C]
        float[] bias = new float[outC];
        if (b != null) {
            if (!b.isConstant()) return false;
            System.arraycopy(b.constant().float32(), 0, bias, 0, outC);
        }
        if (op.kind() == OpKind.MUL) {
            Tensor nf = f.constant().copy();
            float[] w = nf.float32();
            // output channel is the first filter axis for CONV_2D (OHWI), the last for DEPTHWISE (1HWC)
            int inner = conv.kind() == OpKind.CONV_2D ? w.length / outC : 1;
            for (int i = 0; i < w.length; i++) {
                int ch = conv.kind() == OpKind.CONV_2D ? i / inner : i % outC;
                w[i] *= k.float32()[k.size() == 1 ? 0 : ch];
            }
            for (int ch = 0; ch < outC; ch++) bias[ch] *= k.float32()[k.size() == 1 ? 0 : ch];
            g.setNodeInput(conv, 1, g.newConstant(f.name() + "_folded", nf));
        } else {
            for (int ch = 0; ch < outC; ch++) bias[ch] += k.float32()[k.size() == 1 ? 0 : ch];
        }
        Value nb = g.newConstant(conv.name() + "_bias", Tensor.wrap(new TensorType(ElementType.FLOAT32, outC), bias));
        if (conv.inputs().size() > 2) g.setNodeInput(conv, 2, nb);
        else return false;
        g.replaceAllUses(op.output(), x);
        g.removeNode(op);
        return true;
    }
}
