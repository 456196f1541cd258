package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** POOL_ND in float (ONNX layout, any spatial rank, dilations, ceil-mode overshoot clipped). */
public final class PoolNdEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        Attrs.PoolNd a = node.attrs(Attrs.PoolNd.class);
        int[] is = x.type().shape(), os = out.type().shape();
        int k = is.length - 2, planes = is[0] * is[1];
        int inPlane = 1, outPlane = 1;
        for (int d = 0; d < k; d++) { inPlane *= is[2 + d]; outPlane *= os[2 + d]; }
        int[] istr = EvalSupport.strides(java.util.Arrays.copyOfRange(is, 2, is.length));
        int[] o = new int[k], w = new int[k];
        for (int p = 0; p < planes; p++)
            for (int oi = 0; oi < outPlane; oi++) {
                int rem = oi;
                for (int d = k - 1; d >= 0; d--) { o[d] = rem % os[2 + d]; rem /= os[2 + d]; }
                double acc = a.max() ? Double.NEGATIVE_INFINITY : 0;
                int count = 0;
                java.util.Arrays.fill(w, 0);
                int windows = 1;
                for (int d = 0; d < k; d++) windows *= a.kernel()[d];
                for (int wi = 0; wi < windows; wi++) {
                    int r = wi, src = 0;
                    boolean inside = true, inPadded = true;
                    for (int d = k - 1; d >= 0; d--) { w[d] = r % a.kernel()[d]; r /= a.kernel()[d]; }
                    for (int d = 0; d < k; d++) {
                        int pos = o[d] * a.strides()[d] - a.pads()[d] + w[d] * a.dilations()[d];
                        if (pos < 0 || pos >= is[2 + d]) inside = false;
                        if (pos < -a.pads()[d] || pos >= is[2 + d] + a.pads()[k + d]) inPadded = false;
                        src += pos * istr[d];
                    }
                    if (inside) {
                        double v = x.getDouble(p * inPlane + src);
                        acc = a.max() ? Math.max(acc, v) : acc + v;
                        count++;
                    } else if (inPadded && a.countIncludePad()) count++;
                }
                double r = a.max() ? acc : (count == 0 ? 0 : acc / count);
                out.setDouble(p * outPlane + oi, r);
            }
        return new Tensor[] {out};
    }
}
