package dev.tinyforge.plan;

/**
 * Decides whether the channel-by-channel in-place depthwise kernel may overwrite its input, by replaying
 * its writes. The kernel handles input channels c = 0, 1, ... in order; for each it first reads the
 * whole input channel into its computation (the output planes go to scratch), then writes output
 * channels c*mult .. c*mult+mult-1 at NHWC positions of the output, which starts where the input starts.
 * It is safe when no write lands on an input byte of a channel not yet processed. With multiplier 1
 * every write of channel c lands on input channel c's own bytes or past the input, so it is always safe;
 * with larger multipliers the output layout interleaves channels differently and usually is not (this is
 * where TinyEngine mis-plans person_detect's multiplier-8 depthwise).
 */
public final class DepthwiseInPlaceSafety {
    private DepthwiseInPlaceSafety() {}

    public static boolean isSafe(int inH, int inW, int channels, int outH, int outW, int mult) {
        if (mult == 1) return true;
        long inBytes = (long) inH * inW * channels;
        long outChannels = (long) channels * mult;
        long pixels = (long) outH * outW;
        if (pixels * outChannels > 50_000_000L) return false; // too big to replay at compile time: stay out of place
        for (int c = 0; c < channels; c++)
            for (long p = 0; p < pixels; p++)
                for (int k = 0; k < mult; k++) {
                    long addr = p * outChannels + (long) c * mult + k;
                    if (addr < inBytes && addr % channels > c) return false;
                }
        return true;
    }
}
