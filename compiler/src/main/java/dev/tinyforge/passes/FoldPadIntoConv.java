package dev.tinyforge.passes;

import java.util.ArrayList;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;

/**
 * Folds a spatial PAD into the padding of the int8 CONV_2D / DEPTHWISE_CONV_2D that reads it, so the
 * padded copy of the feature map never exists (it is the peak of mcunet-vww's layer-wise plan). Exact
 * when the pad value is the input zero point: a padded pixel then contributes (zp - zp) * w = 0 to the
 * accumulator, the same as a tap the kernel skips as out of the image. Only when the PAD output feeds
 * nothing else, is no graph output, pads only H and W by non-negative amounts, and keeps the input's
 * quantization (TFLite's PAD always does).
 */
public final class FoldPadIntoConv implements Pass {
    @Override public String name() { return "fold-pad-into-conv"; }

    @Override public void run(Graph g) {
        for (Node pad : new ArrayList<>(g.nodes())) {
            if (pad.kind() != OpKind.PAD) continue;
            Value x = pad.input(0), y = pad.output();
            if (x == null || x.isConstant() || y.users().size() != 1 || g.outputs().contains(y)) continue;
            Node conv = y.users().get(0);
            if (conv.kind() != OpKind.CONV_2D && conv.kind() != OpKind.DEPTHWISE_CONV_2D) continue;
            if (conv.input(0) != y || conv.inputs().subList(1, conv.inputs().size()).contains(y)) continue;
            if (x.type().rank() != 4 || y.type().elementType() != ElementType.INT8) continue;
            Quant q = y.type().quant();
            if (q == null || q.isPerChannel() || !q.equals(x.type().quant())) continue;
            Attrs.Pad a = pad.attrs(Attrs.Pad.class);
            int[] p = a.pads();
            if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) continue;
            if (p[2] < 0 || p[3] < 0 || p[4] < 0 || p[5] < 0 || a.value() != q.zeroPoint()) continue;
            int[] extra = {p[2], p[4], p[3], p[5]}; // {top, left, bottom, right}
            conv.setAttrs(withMorePadding(conv.attrs(), extra));
            g.setNodeInput(conv, 0, x);
            g.removeNode(pad);
        }
    }

    private static Attrs withMorePadding(Attrs a, int[] extra) {
        if (a instanceof Attrs.Conv2D c) return new Attrs.Conv2D(add(c.pads(), extra), c.strides(), c.dilations(), c.activation());
        Attrs.DepthwiseConv2D d = (Attrs.DepthwiseConv2D) a;
        return new Attrs.DepthwiseConv2D(add(d.pads(), extra), d.strides(), d.dilations(), d.depthMultiplier(), d.activation());
    }

    private static int[] add(int[] a, int[] b) {
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) r[i] = a[i] + b[i];
        return r;
    }
}
