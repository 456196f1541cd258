package dev.tinyforge.plan;

/**
 * How far before its input a pixel-order kernel's output may start (the output overlaps the input's
 * head, written over input pixels no later window reads). Output pixel p is written at
 * [shift + p*outC, shift + (p+1)*outC) relative to the input's first byte; while the kernel works on p, every
 * output pixel from p - block + 1 on may still read its window, so p's bytes must end at or before the first
 * input pixel such a window reads. Each input pixel is needed until its last reader; the first pixel still
 * needed at p is the first whose last reader is at least p - block + 1, found with a running maximum.
 * The result is the largest shift (rounded down to the arena alignment) that keeps every output pixel
 * below everything still needed; any smaller shift is safe too.
 */
public final class OverlapShift {
    private OverlapShift() {}

    /** Too many pixel-window visits to replay at compile time (the layer then runs out of place). */
    static final long MAX_VISITS = 20_000_000L;

    /** The shift, or null when the layer is too big to replay. */
    public static Long of(PixelWindows w) {
        int inPixels = w.inH() * w.inW(), outPixels = w.outPixels();
        long visits = 0;
        for (int oy = 0; oy < w.outH(); oy++) {
            int[] r = w.rows(oy);
            visits += (long) (r[1] - r[0]) * w.filterW() * w.outW();
        }
        if (visits > MAX_VISITS || inPixels == 0 || outPixels == 0) return null;
        int[] lastReader = new int[inPixels];
        java.util.Arrays.fill(lastReader, -1);
        for (int oy = 0; oy < w.outH(); oy++) {
            int[] r = w.rows(oy);
            for (int ox = 0; ox < w.outW(); ox++) {
                int[] c = w.cols(ox);
                int q = oy * w.outW() + ox;
                for (int iy = r[0]; iy < r[1]; iy++)
                    for (int ix = c[0]; ix < c[1]; ix++) lastReader[iy * w.inW() + ix] = q;
            }
        }
        int[] prefixMax = new int[inPixels];
        for (int i = 0, m = -1; i < inPixels; i++) prefixMax[i] = m = Math.max(m, lastReader[i]);
        long shift = Long.MAX_VALUE;
        int first = 0; // first input pixel still needed at p: prefixMax[first] >= p - block + 1
        for (int p = 0; p < outPixels; p++) {
            int threshold = p - w.block() + 1;
            while (first < inPixels && prefixMax[first] < threshold) first++;
            if (first == inPixels) break; // nothing of the input is needed any more
            shift = Math.min(shift, (long) first * w.inC() - (long) (p + 1) * w.outC());
        }
        if (shift == Long.MAX_VALUE) shift = 0;
        return Math.floorDiv(shift, ArenaPlanner.ALIGNMENT) * ArenaPlanner.ALIGNMENT;
    }

    /** Bytes the input and output occupy together with the output starting {@code shift} bytes after the input. */
    public static long span(long inBytes, long outBytes, long shift) {
        return Math.max(inBytes, shift + outBytes) - Math.min(0, shift);
    }
}
