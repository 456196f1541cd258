package dev.tinyforge.interp.ops;

import dev.tinyforge.quant.params.ConvParams;

/**
 * Convolution geometry (NHWC images; strides, dilations, top/left pads): for each output pixel, the filter taps
 * whose input lies inside the image, in (ky, kx) order. TFLM's reference loops skip the other taps (padding), so
 * every convolution evaluator sums over exactly these, in this order.
 */
final class ConvWindow {
    private final int batches, inH, inW, outH, outW, fH, fW, sH, sW, dH, dW, padT, padL;
    private final int[] taps, inputs;

    ConvWindow(int[] in4d, int fH, int fW, int[] out4d, int sH, int sW, int dH, int dW, int padT, int padL) {
        this.batches = in4d[0];
        this.inH = in4d[1];
        this.inW = in4d[2];
        this.outH = out4d[1];
        this.outW = out4d[2];
        this.fH = fH;
        this.fW = fW;
        this.sH = sH;
        this.sW = sW;
        this.dH = dH;
        this.dW = dW;
        this.padT = padT;
        this.padL = padL;
        this.taps = new int[fH * fW];
        this.inputs = new int[fH * fW];
    }

    ConvWindow(int[] in4d, int fH, int fW, int[] out4d, ConvParams p) {
        this(in4d, fH, fW, out4d, p.strideH(), p.strideW(), p.dilationH(), p.dilationW(), p.padTop(), p.padLeft());
    }

    /** Output pixels (batches x height x width), numbered in NHWC order. */
    int pixels() { return batches * outH * outW; }

    /** Moves to output pixel {@code pixel}; returns how many of its taps lie inside the image. */
    int at(int pixel) {
        int b = pixel / (outH * outW), oy = pixel / outW % outH, ox = pixel % outW;
        int n = 0;
        for (int ky = 0; ky < fH; ky++) {
            int iy = oy * sH - padT + dH * ky;
            if (iy < 0 || iy >= inH) continue;
            for (int kx = 0; kx < fW; kx++) {
                int ix = ox * sW - padL + dW * kx;
                if (ix < 0 || ix >= inW) continue;
                taps[n] = ky * fW + kx;
                inputs[n++] = (b * inH + iy) * inW + ix;
            }
        }
        return n;
    }

    /** Tap j of the current pixel as ky * filter width + kx. */
    int tap(int j) { return taps[j]; }

    /** The input pixel (batch, row, column in NHWC order without channels) tap j reads. */
    int input(int j) { return inputs[j]; }
}
