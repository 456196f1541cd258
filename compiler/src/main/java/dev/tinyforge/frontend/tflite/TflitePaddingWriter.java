package dev.tinyforge.frontend.tflite;

/**
 * Finds the TFLite padding mode (SAME or VALID) that reproduces explicit IR pads exactly. TFLite's rule
 * for SAME, per spatial dimension: out = ceil(in / stride), total = max(0, (out - 1) * stride +
 * (filter - 1) * dilation + 1 - in), before = total / 2, after = total - before. VALID means no padding.
 */
final class TflitePaddingWriter {
    private TflitePaddingWriter() {}

    /** No TFLite mode gives these pads; the caller inserts an explicit PAD or gives up. */
    static final int NONE = -1;

    /**
     * @param inHW input {h, w}; {@code filter}, {@code strides}, {@code dilations} are {h, w};
     *             {@code pads} is {top, left, bottom, right}
     * @return {@link TfliteSchema#PADDING_VALID}, {@link TfliteSchema#PADDING_SAME} or {@link #NONE}
     */
    static int choose(int[] inHW, int[] filter, int[] strides, int[] dilations, int[] pads) {
        if (pads[0] == 0 && pads[1] == 0 && pads[2] == 0 && pads[3] == 0) return TfliteSchema.PADDING_VALID;
        for (int d = 0; d < 2; d++) {
            int[] same = samePads(inHW[d], filter[d], strides[d], dilations[d]);
            if (same[0] != pads[d] || same[1] != pads[d + 2]) return NONE;
        }
        return TfliteSchema.PADDING_SAME;
    }

    /** {before, after} that SAME padding gives along one dimension. */
    static int[] samePads(int in, int filter, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int effectiveFilter = (filter - 1) * dilation + 1;
        int total = Math.max(0, (out - 1) * stride + effectiveFilter - in);
        return new int[] {total / 2, total - total / 2};
    }
}
