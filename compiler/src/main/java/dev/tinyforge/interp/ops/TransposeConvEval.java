package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/**
 * TRANSPOSE_CONV in float: each input pixel scatters input * filter into the output window it covers
 * (input NHWC, filter IHWO with O per group), then the bias is added. Positions that fall outside the
 * output (the pads) are dropped.
 */
public final class TransposeConvEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], filter = in[1], bias = in.length > 2 ? in[2] : null, out = EvalSupport.output(node);
        if (!input.type().elementType().isFloat()) throw EvalSupport.unsupported(node, input);
        Attrs.TransposeConv a = node.attrs(Attrs.TransposeConv.class);
        int[] is = input.type().shape(), fs = filter.type().shape(), os = out.type().shape();
        int n = is[0], ih = is[1], iw = is[2], ic = is[3], kh = fs[1], kw = fs[2], ocg = fs[3];
        int oh = os[1], ow = os[2], oc = os[3], icg = ic / a.groups();
        float[] x = input.float32(), w = filter.float32(), o = out.float32();
        for (int b = 0; b < n; b++)
            for (int y = 0; y < ih; y++)
                for (int xx = 0; xx < iw; xx++)
                    for (int c = 0; c < ic; c++) {
                        float v = x[((b * ih + y) * iw + xx) * ic + c];
                        int group = c / icg;
                        for (int ky = 0; ky < kh; ky++) {
                            int oy = y * a.strides()[0] + ky * a.dilations()[0] - a.pads()[0];
                            if (oy < 0 || oy >= oh) continue;
                            for (int kx = 0; kx < kw; kx++) {
                                int ox = xx * a.strides()[1] + kx * a.dilations()[1] - a.pads()[1];
                                if (ox < 0 || ox >= ow) continue;
                                int wBase = ((c * kh + ky) * kw + kx) * ocg, oBase = ((b * oh + oy) * ow + ox) * oc + group * ocg;
                                for (int k = 0; k < ocg; k++) o[oBase + k] += v * w[wBase + k];
                            }
                        }
                    }
        if (bias != null)
            for (int i = 0; i < o.length; i++) o[i] += bias.float32()[i % oc];
        return new Tensor[] {out};
    }
}
