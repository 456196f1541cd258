package dev.tinyforge.plan;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;

/**
 * The input pixels each output pixel of a sliding-window op reads (CONV_2D, DEPTHWISE_CONV_2D,
 * AVERAGE_POOL_2D, MAX_POOL_2D; int8, one image, NHWC): the filter window at stride, dilation and padding,
 * clipped to the image. A pixel is read whole (all its channels): grouped and depthwise kernels read
 * fewer, so this only overstates what is still needed. Pixels are numbered in row-major order, which is
 * the order pixel-order kernels produce them in.
 *
 * @param block the most consecutive output pixels a kernel may handle as one unit (reading their windows
 *              and writing their outputs in any order within the unit)
 */
public record PixelWindows(int inH, int inW, int inC, int outH, int outW, int outC, int filterH, int filterW,
                           int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft, int block) {

    /** Kernels that keep pixel order, by op: the portable ones do one pixel at a time, DSP/MVE ones at most 4. */
    static final int CONV_BLOCK = 4, POOL_BLOCK = 4;
    /**
     * Depthwise: an overlapped depthwise always runs tf_depthwise_conv_s8_nhwc, or with one input channel the
     * one-window-per-pixel path of tf_depthwise_conv_s8_dsp (DSP cores) or the im2col body (Helium: pairs of
     * pixels, both windows read before either output is written, so every read is no later and every write no
     * earlier than one pixel at a time allows); never the channel-plane kernels.
     */
    static final int DEPTHWISE_BLOCK = 1;

    /** The windows of a node, or null when it is not a sliding-window op on one int8 NHWC image. */
    public static PixelWindows of(Node n) {
        if (n.inputs().isEmpty() || n.input(0) == null || n.input(0).isConstant() || n.outputs().size() != 1) return null;
        if (n.input(0).type().elementType() != ElementType.INT8 || n.output().type().elementType() != ElementType.INT8)
            return null;
        int[] is = n.input(0).type().shape(), os = n.output().type().shape();
        if (is.length != 4 || os.length != 4 || is[0] != 1 || os[0] != 1) return null;
        int[] filter, strides, dil, pads;
        int block;
        if (n.kind() == OpKind.AVERAGE_POOL_2D || n.kind() == OpKind.MAX_POOL_2D) {
            if (!(n.attrs() instanceof Attrs.Pool2D a)) return null;
            filter = a.filter();
            strides = a.strides();
            dil = new int[] {1, 1};
            pads = a.pads();
            block = POOL_BLOCK;
        } else {
            if (n.inputs().size() < 2 || n.input(1) == null || n.input(1).type().shape().length != 4) return null;
            int[] f = n.input(1).type().shape(); // OHWI, or 1HW(C*mult) for depthwise
            filter = new int[] {f[1], f[2]};
            if (n.kind() == OpKind.CONV_2D && n.attrs() instanceof Attrs.Conv2D a) {
                strides = a.strides();
                dil = a.dilations();
                pads = a.pads();
                block = CONV_BLOCK;
            } else if (n.kind() == OpKind.DEPTHWISE_CONV_2D && n.attrs() instanceof Attrs.DepthwiseConv2D a) {
                strides = a.strides();
                dil = a.dilations();
                pads = a.pads();
                block = DEPTHWISE_BLOCK;
            } else {
                return null;
            }
        }
        return new PixelWindows(is[1], is[2], is[3], os[1], os[2], os[3], filter[0], filter[1], strides[0], strides[1],
                dil[0], dil[1], pads[0], pads[1], block);
    }

    public long inBytes() { return (long) inH * inW * inC; }

    public long outBytes() { return (long) outH * outW * outC; }

    public int outPixels() { return outH * outW; }

    /** First and one-past-last input row read by output row oy (clipped; empty when first >= last). */
    int[] rows(int oy) { return span(oy * strideH - padTop, filterH, dilationH, inH); }

    /** First and one-past-last input column read by output column ox. */
    int[] cols(int ox) { return span(ox * strideW - padLeft, filterW, dilationW, inW); }

    /**
     * Rows (or columns) a window starting at {@code start} touches: the taps start + d*k inside [0, size).
     * With dilation, the taps between are not read; counting them as read only overstates what is needed.
     */
    private static int[] span(int start, int taps, int dilation, int size) {
        int first = Integer.MAX_VALUE, last = Integer.MIN_VALUE;
        for (int k = 0; k < taps; k++) {
            int i = start + dilation * k;
            if (i < 0 || i >= size) continue;
            first = Math.min(first, i);
            last = Math.max(last, i);
        }
        return first > last ? new int[] {0, 0} : new int[] {first, last + 1};
    }
}
