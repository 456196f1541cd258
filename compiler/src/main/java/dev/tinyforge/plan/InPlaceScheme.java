package dev.tinyforge.plan;

/**
 * How a kernel writes its output over its (dead) input without changing a single output byte. Every
 * scheme but {@link #PIXEL_ORDER_OVERLAP} keeps output and input at the same start address; each says in
 * which order the kernel works so that nothing is overwritten before it has been read.
 */
public enum InPlaceScheme {
    /** out[i] depends only on in[i], same element size; any kernel that reads in[i] before writing out[i]. */
    ELEMENTWISE,
    /** out[i] depends only on in[i], output elements narrower (float32 to int8): ascending order never writes past what was read. */
    ELEMENTWISE_NARROWING,
    /**
     * Depthwise convolution one input channel at a time: the channel's output plane(s) go to scratch, then
     * over the input's bytes of that channel (TinyEngine's scheme). Kernel tf_depthwise_conv_s8_nhwc_inplace.
     */
    DEPTHWISE_CHANNEL_PLANES,
    /**
     * 1x1 stride-1 convolution one pixel at a time: the pixel's input is copied to scratch, then its
     * output written; descending pixels when the output is wider, ascending when narrower. Kernel
     * tf_conv_s8_1x1_inplace.
     */
    POINTWISE_PIXELS,
    /**
     * A sliding-window layer (convolution, depthwise, pooling) whose kernel reads windows and writes output
     * pixels in row-major pixel order (blocks of at most {@link PixelWindows#block()} pixels): the output
     * starts a fixed number of bytes before the input ({@link InPlace#shift()}, from {@link OverlapShift}) so
     * that each output pixel lands only on input pixels no later window reads. No scratch; the normal kernel.
     */
    PIXEL_ORDER_OVERLAP
}
