package dev.tinyforge.plan;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Which nodes may write their output over one of their inputs, by the math of the op and the loop order
 * of its kernel alone (whether the input is dead at that step is the lifetime analysis' business). The
 * plan checker asks the same questions again, so a wrong pairing cannot reach the generated code.
 */
public final class InPlaceRules {
    private InPlaceRules() {}

    /**
     * A possible in-place execution: which input the output may overwrite, how, the scratch it needs, and
     * where the output starts relative to the input (0 but for overlaps).
     */
    public record Candidate(int inputIndex, InPlaceScheme scheme, long scratchBytes, long shift) {
        public Candidate(int inputIndex, InPlaceScheme scheme, long scratchBytes) {
            this(inputIndex, scheme, scratchBytes, 0);
        }
    }

    /** Same-shape elementwise ops whose kernels (elementwise and 4-D broadcast) index a full-shape input by the output index. */
    private static final Set<OpKind> ELEMENTWISE_BINARY = EnumSet.of(OpKind.ADD, OpKind.SUB, OpKind.MUL, OpKind.MAXIMUM,
            OpKind.MINIMUM);
    private static final Set<OpKind> ELEMENTWISE_UNARY = EnumSet.of(OpKind.RELU, OpKind.RELU6, OpKind.RELU_N1_TO_1,
            OpKind.LOGISTIC, OpKind.TANH, OpKind.HARD_SWISH, OpKind.LEAKY_RELU, OpKind.PRELU);

    /** The in-place candidates of a node over its input {@code index}, or null. */
    public static Candidate candidate(Node n, int index) {
        Value in = n.input(index);
        if (in == null || in.isConstant() || n.outputs().size() != 1) return null;
        Value out = n.output();
        ElementType it = in.type().elementType(), ot = out.type().elementType();
        boolean sameShape = Arrays.equals(in.type().shape(), out.type().shape());
        if (ELEMENTWISE_BINARY.contains(n.kind()) && n.inputs().size() == 2 && sameShape && it == ot
                && (it == ElementType.INT8 || it == ElementType.FLOAT32))
            return new Candidate(index, InPlaceScheme.ELEMENTWISE, 0);
        if (ELEMENTWISE_UNARY.contains(n.kind()) && index == 0 && sameShape && it == ot
                && (it == ElementType.INT8 || it == ElementType.FLOAT32))
            return new Candidate(index, InPlaceScheme.ELEMENTWISE, 0);
        if (n.kind() == OpKind.QUANTIZE && index == 0 && sameShape && ot == ElementType.INT8) {
            if (it == ElementType.INT8) return new Candidate(index, InPlaceScheme.ELEMENTWISE, 0);
            if (it == ElementType.FLOAT32) return new Candidate(index, InPlaceScheme.ELEMENTWISE_NARROWING, 0);
        }
        if (n.kind() == OpKind.DEPTHWISE_CONV_2D && index == 0 && it == ElementType.INT8 && ot == ElementType.INT8)
            return depthwise(n);
        if (n.kind() == OpKind.CONV_2D && index == 0 && it == ElementType.INT8 && ot == ElementType.INT8)
            return pointwise(n);
        return null;
    }

    private static Candidate depthwise(Node n) {
        int[] is = n.input(0).type().shape(), os = n.output().type().shape();
        if (is.length != 4 || os.length != 4 || is[0] != 1 || os[0] != 1) return null;
        int mult = n.attrs(Attrs.DepthwiseConv2D.class).depthMultiplier();
        if (!DepthwiseInPlaceSafety.isSafe(is[1], is[2], is[3], os[1], os[2], mult)) return null;
        return new Candidate(0, InPlaceScheme.DEPTHWISE_CHANNEL_PLANES, (long) os[1] * os[2] * mult);
    }

    private static Candidate pointwise(Node n) {
        int[] is = n.input(0).type().shape(), os = n.output().type().shape(), fs = n.input(1).type().shape();
        if (is.length != 4 || os.length != 4 || fs.length != 4 || fs[1] != 1 || fs[2] != 1) return null;
        Attrs.Conv2D a = n.attrs(Attrs.Conv2D.class);
        if (a.strides()[0] != 1 || a.strides()[1] != 1) return null;
        for (int p : a.pads()) if (p != 0) return null;
        if (is[0] != os[0] || is[1] != os[1] || is[2] != os[2] || fs[3] != is[3]) return null;
        return new Candidate(0, InPlaceScheme.POINTWISE_PIXELS, is[3]);
    }

    /**
     * The output of a sliding-window layer (pixel-order kernel) overlapping its input's consumed head
     * ({@link InPlaceScheme#PIXEL_ORDER_OVERLAP}), or null when the op has no such kernel, it saves nothing,
     * or the options keep it off (overlap off; a multiplier-1 depthwise on a target with channel-plane kernels).
     */
    public static Candidate overlap(Node n, PlanOptions options) {
        PixelWindows w = PixelWindows.of(n);
        if (w == null || !options.overlap()) return null;
        if (options.planeDepthwise() && n.kind() == OpKind.DEPTHWISE_CONV_2D
                && n.attrs(Attrs.DepthwiseConv2D.class).depthMultiplier() == 1) return null;
        Long shift = OverlapShift.of(w);
        if (shift == null) return null;
        Candidate c = new Candidate(0, InPlaceScheme.PIXEL_ORDER_OVERLAP, 0, shift);
        return saving(n, c) > 0 ? c : null;
    }

    /** Bytes a node saves at its step by running in place with this candidate (negative: not worth it). */
    public static long saving(Node n, Candidate c) {
        long in = n.input(c.inputIndex()).type().byteSize(), out = n.output().type().byteSize();
        if (c.scheme() == InPlaceScheme.PIXEL_ORDER_OVERLAP) return in + out - OverlapShift.span(in, out, c.shift());
        return Math.min(in, out) - c.scratchBytes();
    }
}
