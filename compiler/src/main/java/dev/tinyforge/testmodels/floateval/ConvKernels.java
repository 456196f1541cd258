package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;

/** Float CONV_2D (OHWI filter), DEPTHWISE_CONV_2D (1HWC filter) and FULLY_CONNECTED, with fused activations. */
final class ConvKernels {
    private ConvKernels() {}

    static FloatTensor conv2d(FloatTensor x, FloatTensor w, FloatTensor bias, int[] pads, int[] strides, int[] dil,
                              Activation act, int[] outShape) {
        int n = x.dim(0), h = x.dim(1), wd = x.dim(2), c = x.dim(3);
        int o = w.dim(0), kh = w.dim(1), kw = w.dim(2);
        int oh = outShape[1], ow = outShape[2];
        float[] out = new float[n * oh * ow * o];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++)
                for (int xo = 0; xo < ow; xo++)
                    for (int oc = 0; oc < o; oc++) {
                        double acc = bias == null ? 0 : bias.data()[oc];
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = y * strides[0] - pads[0] + ky * dil[0];
                            if (iy < 0 || iy >= h) continue;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = xo * strides[1] - pads[1] + kx * dil[1];
                                if (ix < 0 || ix >= wd) continue;
                                int xBase = ((b * h + iy) * wd + ix) * c, wBase = ((oc * kh + ky) * kw + kx) * c;
                                for (int ic = 0; ic < c; ic++) acc += x.data()[xBase + ic] * w.data()[wBase + ic];
                            }
                        }
                        out[((b * oh + y) * ow + xo) * o + oc] = Activations.apply(act, (float) acc);
                    }
        return new FloatTensor(outShape, out);
    }

    static FloatTensor depthwise(FloatTensor x, FloatTensor w, FloatTensor bias, int[] pads, int[] strides, int[] dil,
                                 int multiplier, Activation act, int[] outShape) {
        int n = x.dim(0), h = x.dim(1), wd = x.dim(2), c = x.dim(3);
        int kh = w.dim(1), kw = w.dim(2), oc = w.dim(3);
        int oh = outShape[1], ow = outShape[2];
        float[] out = new float[n * oh * ow * oc];
        for (int b = 0; b < n; b++)
            for (int y = 0; y < oh; y++)
                for (int xo = 0; xo < ow; xo++)
                    for (int ch = 0; ch < oc; ch++) {
                        int ic = ch / multiplier;
                        double acc = bias == null ? 0 : bias.data()[ch];
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = y * strides[0] - pads[0] + ky * dil[0];
                            if (iy < 0 || iy >= h) continue;
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = xo * strides[1] - pads[1] + kx * dil[1];
                                if (ix < 0 || ix >= wd) continue;
                                acc += x.data()[((b * h + iy) * wd + ix) * c + ic] * w.data()[(ky * kw + kx) * oc + ch];
                            }
                        }
                        out[((b * oh + y) * ow + xo) * oc + ch] = Activations.apply(act, (float) acc);
                    }
        return new FloatTensor(outShape, out);
    }

    static FloatTensor fullyConnected(FloatTensor x, FloatTensor w, FloatTensor bias, Activation act, int[] outShape) {
        int o = w.dim(0), in = w.dim(1), batches = x.size() / in;
        float[] out = new float[batches * o];
        for (int b = 0; b < batches; b++)
            for (int k = 0; k < o; k++) {
                double acc = bias == null ? 0 : bias.data()[k];
                for (int i = 0; i < in; i++) acc += x.data()[b * in + i] * w.data()[k * in + i];
                out[b * o + k] = Activations.apply(act, (float) acc);
            }
        return new FloatTensor(outShape, out);
    }
}
