package dev.tinyforge.interp.ops;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.TensorType;

/** Pool geometry: for an output position, the filter window clipped to the input (TFLite's pooling loops). */
final class PoolWindow {
    final int batches, inH, inW, channels, outH, outW, fH, fW, sH, sW, padT, padL;

    PoolWindow(Attrs.Pool2D a, TensorType in, TensorType out) {
        int[] is = EvalSupport.as4d(in), os = EvalSupport.as4d(out);
        batches = is[0]; inH = is[1]; inW = is[2]; channels = is[3]; outH = os[1]; outW = os[2];
        fH = a.filter()[0]; fW = a.filter()[1]; sH = a.strides()[0]; sW = a.strides()[1];
        padT = a.pads()[0]; padL = a.pads()[1];
    }

    int yStart(int oy) { return Math.max(0, -(oy * sH - padT)); }
    int yEnd(int oy) { return Math.min(fH, inH - (oy * sH - padT)); }
    int xStart(int ox) { return Math.max(0, -(ox * sW - padL)); }
    int xEnd(int ox) { return Math.min(fW, inW - (ox * sW - padL)); }
    int inY(int oy, int fy) { return oy * sH - padT + fy; }
    int inX(int ox, int fx) { return ox * sW - padL + fx; }
    int inIndex(int b, int y, int x, int c) { return ((b * inH + y) * inW + x) * channels + c; }
    int outIndex(int b, int y, int x, int c) { return ((b * outH + y) * outW + x) * channels + c; }
}
