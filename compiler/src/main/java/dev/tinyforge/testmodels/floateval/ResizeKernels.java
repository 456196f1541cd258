package dev.tinyforge.testmodels.floateval;

/** Float RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR on NHWC, with TFLite's coordinate rules. */
final class ResizeKernels {
    private ResizeKernels() {}

    private static double scale(int in, int out, boolean alignCorners) {
        return alignCorners && out > 1 ? (in - 1) / (double) (out - 1) : in / (double) out;
    }

    static FloatTensor nearest(FloatTensor x, boolean align, boolean half, int[] outShape) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = outShape[1], ow = outShape[2];
        double sy = scale(h, oh, align), sx = scale(w, ow, align);
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++) {
                int iy = nearestIndex(y, sy, h, align, half);
                for (int xo = 0; xo < ow; xo++) {
                    int ix = nearestIndex(xo, sx, w, align, half);
                    System.arraycopy(x.data(), ((b * h + iy) * w + ix) * c, out, ((b * oh + y) * ow + xo) * c, c);
                }
            }
        return new FloatTensor(outShape, out);
    }

    private static int nearestIndex(int o, double scale, int in, boolean align, boolean half) {
        double offset = half ? 0.5 : 0.0;
        double src = (o + offset) * scale;
        int i = align ? (int) Math.round(src) : (int) Math.floor(src);
        return Math.max(0, Math.min(in - 1, i));
    }

    static FloatTensor bilinear(FloatTensor x, boolean align, boolean half, int[] outShape) {
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3), oh = outShape[1], ow = outShape[2];
        double sy = scale(h, oh, align), sx = scale(w, ow, align);
        float[] out = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++) {
                double fy = half ? (y + 0.5) * sy - 0.5 : y * sy;
                int y0 = Math.max(0, (int) Math.floor(fy)), y1 = Math.min(h - 1, (int) Math.ceil(fy));
                double dy = fy - Math.floor(fy);
                for (int xo = 0; xo < ow; xo++) {
                    double fx = half ? (xo + 0.5) * sx - 0.5 : xo * sx;
                    int x0 = Math.max(0, (int) Math.floor(fx)), x1 = Math.min(w - 1, (int) Math.ceil(fx));
                    double dx = fx - Math.floor(fx);
                    for (int ch = 0; ch < c; ch++) {
                        double v00 = x.data()[((b * h + y0) * w + x0) * c + ch], v01 = x.data()[((b * h + y0) * w + x1) * c + ch];
                        double v10 = x.data()[((b * h + y1) * w + x0) * c + ch], v11 = x.data()[((b * h + y1) * w + x1) * c + ch];
                        double top = v00 + (v01 - v00) * dx, bottom = v10 + (v11 - v10) * dx;
                        out[((b * oh + y) * ow + xo) * c + ch] = (float) (top + (bottom - top) * dy);
                    }
                }
            }
        return new FloatTensor(outShape, out);
    }
}
