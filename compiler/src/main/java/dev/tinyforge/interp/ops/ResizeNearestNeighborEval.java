package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.Rounding;

/** RESIZE_NEAREST_NEIGHBOR as TFLite's reference (GetNearestNeighbor: float scale, floor or round). */
public final class ResizeNearestNeighborEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.Resize a = node.attrs(Attrs.Resize.class);
        int[] is = EvalSupport.as4d(input.type()), os = EvalSupport.as4d(out.type());
        int c = is[3];
        int o = 0;
        for (int b = 0; b < os[0]; b++)
            for (int y = 0; y < os[1]; y++) {
                int iy = nearest(y, is[1], os[1], a.alignCorners(), a.halfPixelCenters());
                for (int x = 0; x < os[2]; x++) {
                    int ix = nearest(x, is[2], os[2], a.alignCorners(), a.halfPixelCenters());
                    int src = ((b * is[1] + iy) * is[2] + ix) * c;
                    System.arraycopy(input.array(), src, out.array(), o, c);
                    o += c;
                }
            }
        return new Tensor[] {out};
    }

    static int nearest(int value, int inSize, int outSize, boolean alignCorners, boolean halfPixelCenters) {
        float scale = (alignCorners && outSize > 1) ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
        float offset = halfPixelCenters ? 0.5f : 0.0f;
        int r = Math.min(alignCorners ? (int) Rounding.round((value + offset) * scale)
                : (int) Math.floor((value + offset) * scale), inSize - 1);
        if (halfPixelCenters) r = Math.max(0, r);
        return r;
    }
}
