package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Backward receptive-field propagation for one op on NHWC maps: given the output region a patch must
 * produce, which rows and columns of each spatial input it reads, and how much of its window hangs over
 * a true image border (to be padded). Sliding windows (convolution, depthwise, pooling) follow
 * out [o0, o1) -> in [o0*s - p, (o1-1)*s - p + (k-1)*d + 1); PAD shifts by its leading pad; elementwise
 * ops and channel concatenation read the same region of every full-size input.
 */
public final class ReceptiveField {

    private ReceptiveField() {}

    /**
     * The window of input {@code inputIndex} that {@code node} reads to produce {@code out} of its output,
     * or null when that input is not a spatial feature map (weights, bias, a broadcast 1x1 operand).
     */
    public static InputWindow inputWindow(Node node, int inputIndex, Region out) {
        Value in = node.input(inputIndex);
        if (in == null) return null;
        switch (node.kind()) {
            case CONV_2D -> {
                if (inputIndex != 0) return null;
                Attrs.Conv2D a = node.attrs(Attrs.Conv2D.class);
                int[] f = node.input(1).type().shape(); // OHWI
                return sliding(in, out, f[1], f[2], a.strides(), a.dilations(), a.pads());
            }
            case DEPTHWISE_CONV_2D -> {
                if (inputIndex != 0) return null;
                Attrs.DepthwiseConv2D a = node.attrs(Attrs.DepthwiseConv2D.class);
                int[] f = node.input(1).type().shape(); // 1HWC
                return sliding(in, out, f[1], f[2], a.strides(), a.dilations(), a.pads());
            }
            case AVERAGE_POOL_2D, MAX_POOL_2D -> {
                Attrs.Pool2D a = node.attrs(Attrs.Pool2D.class);
                return sliding(in, out, a.filter()[0], a.filter()[1], a.strides(), new int[] {1, 1}, a.pads());
            }
            case PAD -> {
                int[] p = node.attrs(Attrs.Pad.class).pads(); // {before, after} per dimension, NHWC
                requireNhwc(node, in);
                Region field = new Region(out.rowBegin() - p[2], out.colBegin() - p[4], out.rowEnd() - p[2], out.colEnd() - p[4]);
                return InputWindow.ofField(field, in.type().dim(1), in.type().dim(2));
            }
            case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, PRELU, CONCATENATION,
                 RELU, RELU6, RELU_N1_TO_1, LOGISTIC, TANH, HARD_SWISH, LEAKY_RELU, QUANTIZE, DEQUANTIZE,
                 ABS, NEG, EXP, SQRT, ROUND, ELU, THRESHOLDED_RELU, CAST -> {
                return pointwise(node, in, out);
            }
            default -> throw new CompileException("patch-based inference cannot split through " + node
                    + ": no receptive field for " + node.kind());
        }
    }

    /** The output region of a sliding-window op: its field in the input, then split at the input's borders. */
    static InputWindow sliding(Value in, Region out, int kh, int kw, int[] strides, int[] dilations, int[] pads) {
        Region field = new Region(
                out.rowBegin() * strides[0] - pads[0],
                out.colBegin() * strides[1] - pads[1],
                (out.rowEnd() - 1) * strides[0] - pads[0] + (kh - 1) * dilations[0] + 1,
                (out.colEnd() - 1) * strides[1] - pads[1] + (kw - 1) * dilations[1] + 1);
        return InputWindow.ofField(field, in.type().dim(1), in.type().dim(2));
    }

    private static InputWindow pointwise(Node node, Value in, Region out) {
        if (node.kind() == dev.tinyforge.ir.OpKind.CONCATENATION && node.attrs(Attrs.Concat.class).axis() != 3) {
            throw new CompileException("patch-based inference cannot split through " + node + ": it concatenates along a spatial axis");
        }
        if (in.type().rank() != 4) {
            if (in.type().elementCount() == 1 || in.isConstant()) return null; // scalar or constant operand broadcast
            throw new CompileException("patch-based inference cannot split through " + node + ": input "
                    + in.name() + " is not NHWC");
        }
        int h = in.type().dim(1), w = in.type().dim(2);
        int oh = node.output().type().dim(1), ow = node.output().type().dim(2);
        if (h == oh && w == ow) return new InputWindow(out, new int[4]);
        if (h == 1 && w == 1) return null; // per-channel broadcast: read whole whatever the patch
        throw new CompileException("patch-based inference cannot split through " + node
                + ": spatial broadcast of " + in.name());
    }

    private static void requireNhwc(Node node, Value in) {
        if (in.type().rank() != 4) {
            throw new CompileException("patch-based inference cannot split through " + node + ": input is not NHWC");
        }
    }
}
