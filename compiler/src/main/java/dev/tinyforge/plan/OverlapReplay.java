package dev.tinyforge.plan;

/**
 * The plan checker's own proof that an overlapped layer is safe: replays the kernel output pixel by output
 * pixel, counting for every input pixel the windows that have not read it yet. When the kernel writes
 * output pixel p, the windows of pixels p - block + 1 and later may not have been read (the kernel may
 * handle a block of consecutive pixels as one unit); every input byte p's output lands on must belong to
 * a pixel no such window reads. Independent of {@link OverlapShift}, which derives the shift in closed form.
 */
final class OverlapReplay {
    private OverlapReplay() {}

    /** Null when writing the output at {@code shift} bytes from the input's start destroys nothing still needed. */
    static String violation(PixelWindows w, long shift) {
        int inPixels = w.inH() * w.inW(), outPixels = w.outPixels();
        int[] pending = new int[inPixels];
        for (int q = 0; q < outPixels; q++) visit(w, q, pending, +1);
        long inBytes = w.inBytes();
        for (int p = 0; p < outPixels; p++) {
            int done = p - w.block(); // windows certainly read before p is written
            if (done >= 0) visit(w, done, pending, -1);
            long a0 = Math.max(0, shift + (long) p * w.outC()), a1 = Math.min(inBytes, shift + (long) (p + 1) * w.outC());
            for (long a = a0; a < a1; a += w.inC() - a % w.inC()) {
                int pixel = (int) (a / w.inC());
                if (pending[pixel] > 0)
                    return "output pixel " + p + " overwrites input pixel " + pixel + " that " + pending[pixel]
                            + " window(s) still read";
            }
        }
        return null;
    }

    private static void visit(PixelWindows w, int q, int[] pending, int delta) {
        int[] r = w.rows(q / w.outW()), c = w.cols(q % w.outW());
        for (int iy = r[0]; iy < r[1]; iy++)
            for (int ix = c[0]; ix < c[1]; ix++) pending[iy * w.inW() + ix] += delta;
    }
}
