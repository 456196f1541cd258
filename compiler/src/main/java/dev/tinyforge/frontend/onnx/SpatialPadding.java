package dev.tinyforge.frontend.onnx;

/**
 * Output size and padding of one spatial axis of a convolution or pooling window, from ONNX's
 * pads / auto_pad / ceil_mode rules.
 */
record SpatialPadding(int before, int after, int out) {

    /** {@code pads} holds this axis's explicit before/after (used when autoPad is NOTSET). */
    static SpatialPadding of(int in, int kernel, int stride, int dilation, String autoPad, int padBefore, int padAfter,
                             boolean ceil) {
        int window = (kernel - 1) * dilation + 1;
        switch (autoPad) {
            case "SAME_UPPER", "SAME_LOWER" -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max(0, (out - 1) * stride + window - in);
                int small = total / 2, big = total - small;
                return autoPad.equals("SAME_UPPER") ? new SpatialPadding(small, big, out) : new SpatialPadding(big, small, out);
            }
            case "VALID" -> {
                return new SpatialPadding(0, 0, Math.max(0, (in - window) / stride + 1));
            }
            default -> {
                int span = in + padBefore + padAfter - window;
                int out = ceil ? Math.floorDiv(span + stride - 1, stride) + 1 : Math.floorDiv(span, stride) + 1;
                // a last window that would start inside the end padding is dropped (ONNX >= 19, PyTorch)
                if (ceil && (out - 1) * stride >= in + padBefore) out--;
                return new SpatialPadding(padBefore, padAfter, Math.max(out, 0));
            }
        }
    }

    /** The end padding that makes the last window fit (for ceil mode), at least the declared one. */
    int effectiveAfter(int in, int kernel, int stride, int dilation) {
        int window = (kernel - 1) * dilation + 1;
        return Math.max(after, (out - 1) * stride + window - in - before);
    }
}
