package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/**
 * RESIZE_BILINEAR as TFLite's reference: float interpolation for float tensors; for int8/int16 the
 * integer variant (ResizeBilinearInteger) with 10-bit fixed-point positions and a rounded 20-bit
 * product.
 */
public final class ResizeBilinearEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.Resize a = node.attrs(Attrs.Resize.class);
        int[] is = EvalSupport.as4d(input.type()), os = EvalSupport.as4d(out.type());
        int inH = is[1], inW = is[2], c = is[3], outH = os[1], outW = os[2];
        if (input.type().elementType().isFloat()) {
            float hs = scale(inH, outH, a.alignCorners()), ws = scale(inW, outW, a.alignCorners());
            float[] x = input.float32(), o = out.float32();
            for (int b = 0; b < os[0]; b++)
                for (int y = 0; y < outH; y++) {
                    float iy = a.halfPixelCenters() ? (y + 0.5f) * hs - 0.5f : y * hs;
                    int y0 = Math.max((int) Math.floor(iy), 0), y1 = Math.min((int) Math.ceil(iy), inH - 1);
                    for (int xx = 0; xx < outW; xx++) {
                        float ix = a.halfPixelCenters() ? (xx + 0.5f) * ws - 0.5f : xx * ws;
                        int x0 = Math.max((int) Math.floor(ix), 0), x1 = Math.min((int) Math.ceil(ix), inW - 1);
                        for (int ch = 0; ch < c; ch++) {
                            float v = x[idx(b, y0, x0, ch, inH, inW, c)] * (1 - (iy - y0)) * (1 - (ix - x0))
                                    + x[idx(b, y1, x0, ch, inH, inW, c)] * (iy - y0) * (1 - (ix - x0))
                                    + x[idx(b, y0, x1, ch, inH, inW, c)] * (1 - (iy - y0)) * (ix - x0)
                                    + x[idx(b, y1, x1, ch, inH, inW, c)] * (iy - y0) * (ix - x0);
                            o[idx(b, y, xx, ch, outH, outW, c)] = v;
                        }
                    }
                }
            return new Tensor[] {out};
        }
        int hs10 = scale10(inH, outH, a.alignCorners()), ws10 = scale10(inW, outW, a.alignCorners());
        for (int b = 0; b < os[0]; b++)
            for (int y = 0; y < outH; y++) {
                int iy = a.halfPixelCenters() ? y * hs10 + hs10 / 2 - (1 << 9) : y * hs10;
                int y0 = Math.max(iy / (1 << 10), 0), y1 = Math.min((iy + (1 << 10) - 1) / (1 << 10), inH - 1);
                for (int xx = 0; xx < outW; xx++) {
                    int ix = a.halfPixelCenters() ? xx * ws10 + ws10 / 2 - (1 << 9) : xx * ws10;
                    int x0 = Math.max(ix / (1 << 10), 0), x1 = Math.min((ix + (1 << 10) - 1) / (1 << 10), inW - 1);
                    long wy1 = iy - (1 << 10) * y0, wy0 = (1 << 10) - wy1;
                    long wx1 = ix - (1 << 10) * x0, wx0 = (1 << 10) - wx1;
                    for (int ch = 0; ch < c; ch++) {
                        long v = input.getLong(idx(b, y0, x0, ch, inH, inW, c)) * wy0 * wx0
                                + input.getLong(idx(b, y1, x0, ch, inH, inW, c)) * wy1 * wx0
                                + input.getLong(idx(b, y0, x1, ch, inH, inW, c)) * wy0 * wx1
                                + input.getLong(idx(b, y1, x1, ch, inH, inW, c)) * wy1 * wx1;
                        long round = v > 0 ? (1 << 19) : -(1 << 19);
                        out.setLong(idx(b, y, xx, ch, outH, outW, c), (v + round) / (1 << 20));
                    }
                }
            }
        return new Tensor[] {out};
    }

    private static int idx(int b, int y, int x, int ch, int h, int w, int c) { return ((b * h + y) * w + x) * c + ch; }

    private static float scale(int in, int out, boolean alignCorners) {
        return (alignCorners && out > 1) ? (in - 1) / (float) (out - 1) : in / (float) out;
    }

    private static int scale10(int in, int out, boolean alignCorners) {
        return (alignCorners && out > 1) ? ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1)
                : ((1 << 10) * in + out / 2) / out;
    }
}
