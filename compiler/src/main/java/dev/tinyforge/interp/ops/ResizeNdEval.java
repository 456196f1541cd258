package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/**
 * RESIZE_ND as ONNX defines Resize: separable, one axis at a time (in double precision), each output
 * coordinate mapped to the input by the coordinate transformation, then nearest / linear / cubic weights
 * over edge-clamped neighbours (optionally antialiased or excluding outside neighbours).
 */
public final class ResizeNdEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        Attrs.ResizeNd a = node.attrs(Attrs.ResizeNd.class);
        int[] shape = x.type().shape(), os = out.type().shape();
        int rank = shape.length;
        double[] data = new double[x.size()];
        for (int i = 0; i < data.length; i++) data[i] = x.getDouble(i);
        for (int axis = 0; axis < rank; axis++) {
            if (shape[axis] == os[axis] && a.scales()[axis] == 1f && a.coordinates() != Attrs.ResizeCoordinates.TF_CROP_AND_RESIZE) continue;
            data = resizeAxis(data, shape, axis, os[axis], a);
            shape[axis] = os[axis];
        }
        boolean isFloat = out.type().elementType().isFloat();
        for (int i = 0; i < data.length; i++) {
            if (isFloat) out.float32()[i] = (float) data[i];
            else out.setLong(i, Math.round(data[i]));
        }
        return new Tensor[] {out};
    }

    private static double[] resizeAxis(double[] data, int[] shape, int axis, int outLen, Attrs.ResizeNd a) {
        int inLen = shape[axis], outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape[i];
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        double[] res = new double[outer * outLen * inner];
        ResizeNdTaps taps = ResizeNdTaps.of(a, axis, shape.length, inLen, outLen);
        for (int ox = 0; ox < outLen; ox++) {
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++) {
                    double v;
                    if (taps.outside()[ox]) v = a.extrapolationValue();
                    else {
                        v = 0;
                        for (int k = 0; k < taps.count(); k++) {
                            double c = taps.weights()[ox * taps.count() + k];
                            if (c == 0) continue;
                            v += c * data[(o * inLen + taps.indices()[ox * taps.count() + k]) * inner + i];
                        }
                    }
                    res[(o * outLen + ox) * inner + i] = v;
                }
        }
        return res;
    }
}
