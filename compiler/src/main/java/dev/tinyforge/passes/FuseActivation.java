package dev.tinyforge.passes;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Folds a standalone RELU / RELU6 / RELU_N1_TO_1 into the fused activation of the op that feeds it, but
 * only when the result is bit-identical:
 * <ul>
 *   <li>float: the fused clamp is the same clamp (for finite values: TFLM's fused float RELU clamps
 *       +Infinity to FLT_MAX where the standalone op keeps it);</li>
 *   <li>quantized: only when the activation's input and output types (quantization included) are
 *       identical. Then the standalone op is a pure clamp of the stored values to the range the fused
 *       activation derives from the same output quantization. With different quantizations it also
 *       rescales, which a fused activation cannot do.</li>
 * </ul>
 * The producer must have no fused activation yet, and its output must feed only the activation (and not
 * be a graph output), since fusing changes that value. Users of the activation's output then use the
 * producer's output.
 */
public final class FuseActivation implements Pass {
    private static final Map<OpKind, Activation> ACTIVATIONS = Map.of(
            OpKind.RELU, Activation.RELU,
            OpKind.RELU6, Activation.RELU6,
            OpKind.RELU_N1_TO_1, Activation.RELU_N1_TO_1);

    private static final Set<OpKind> PRODUCERS = Set.of(
            OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.FULLY_CONNECTED,
            OpKind.ADD, OpKind.SUB, OpKind.MUL, OpKind.AVERAGE_POOL_2D, OpKind.MAX_POOL_2D);

    @Override public String name() { return "fuse-activation"; }

    @Override public void run(Graph g) {
        for (Node act : new ArrayList<>(g.nodes())) {
            Activation a = ACTIVATIONS.get(act.kind());
            if (a == null) continue;
            Value x = act.input(0);
            Node producer = x == null ? null : x.producer();
            if (producer == null || !PRODUCERS.contains(producer.kind())) continue;
            if (FusedActivation.of(producer.attrs()) != Activation.NONE) continue;
            if (x.users().size() != 1 || g.outputs().contains(x)) continue;
            if (!isExact(x.type(), act.output().type())) continue;
            producer.setAttrs(FusedActivation.with(producer.attrs(), a));
            g.replaceAllUses(act.output(), x);
            g.removeNode(act);
        }
    }

    private static boolean isExact(TensorType in, TensorType out) {
        if (!in.equals(out)) return false; // shape, element type and quantization all identical
        if (in.elementType() == ElementType.FLOAT32) return in.quant() == null;
        return in.isQuantized() && !in.quant().isPerChannel();
    }

    /** Reads and replaces the fused activation of the attribute records that have one. */
    public static final class FusedActivation {
        private FusedActivation() {}

        public static Activation of(Attrs a) {
            if (a instanceof Attrs.Conv2D c) return c.activation();
            if (a instanceof Attrs.DepthwiseConv2D d) return d.activation();
            if (a instanceof Attrs.FullyConnected f) return f.activation();
            if (a instanceof Attrs.Pool2D p) return p.activation();
            if (a instanceof Attrs.Binary b) return b.activation();
            throw new IllegalArgumentException(a.getClass().getSimpleName() + " has no fused activation");
        }

        public static Attrs with(Attrs a, Activation act) {
            if (a instanceof Attrs.Conv2D c) return new Attrs.Conv2D(c.pads(), c.strides(), c.dilations(), act);
            if (a instanceof Attrs.DepthwiseConv2D d)
                return new Attrs.DepthwiseConv2D(d.pads(), d.strides(), d.dilations(), d.depthMultiplier(), act);
            if (a instanceof Attrs.FullyConnected f) return new Attrs.FullyConnected(act, f.keepNumDims());
            if (a instanceof Attrs.Pool2D p) return new Attrs.Pool2D(p.filter(), p.strides(), p.pads(), act);
            if (a instanceof Attrs.Binary) return new Attrs.Binary(act);
            throw new IllegalArgumentException(a.getClass().getSimpleName() + " has no fused activation");
        }
    }
}
