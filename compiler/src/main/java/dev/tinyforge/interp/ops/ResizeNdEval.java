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
        double scale = a.scales()[axis];
        int rank = shape.length;
        double roiStart = a.roi().length == 2 * rank ? a.roi()[axis] : 0, roiEnd = a.roi().length == 2 * rank ? a.roi()[rank + axis] : 1;
        for (int ox = 0; ox < outLen; ox++) {
            double xo = original(ox, scale, inLen, outLen, roiStart, roiEnd, a.coordinates());
            boolean outside = a.coordinates() == Attrs.ResizeCoordinates.TF_CROP_AND_RESIZE && (xo < 0 || xo > inLen - 1);
            int xi = (int) Math.floor(xo);
            double ratio = xo - xi;
            if (ratio == 0) { xi -= 1; ratio = 1; } // ONNX's reference picks the upper neighbour of an exact hit
            double[] coeffs = coefficients(ratio, scale, a);
            int first = xi - coeffs.length / 2 + 1;
            if (a.excludeOutside()) {
                double sum = 0;
                for (int k = 0; k < coeffs.length; k++) {
                    int idx = first + k;
                    if (idx < 0 || idx >= inLen) coeffs[k] = 0;
                    sum += coeffs[k];
                }
                if (sum != 0) for (int k = 0; k < coeffs.length; k++) coeffs[k] /= sum;
            }
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++) {
                    double v;
                    if (outside) v = a.extrapolationValue();
                    else {
                        v = 0;
                        for (int k = 0; k < coeffs.length; k++) {
                            if (coeffs[k] == 0) continue;
                            int idx = Math.max(0, Math.min(inLen - 1, first + k));
                            v += coeffs[k] * data[(o * inLen + idx) * inner + i];
                        }
                    }
                    res[(o * outLen + ox) * inner + i] = v;
                }
        }
        return res;
    }

    private static double original(int x, double scale, int inLen, int outLen, double roiStart, double roiEnd,
                                   Attrs.ResizeCoordinates mode) {
        return switch (mode) {
            case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
            case HALF_PIXEL_SYMMETRIC -> {
                double adjustment = outLen / (scale * inLen);
                double center = inLen / 2.0;
                double offset = center * (1 - adjustment);
                yield offset + (x + 0.5) / scale - 0.5;
            }
            case PYTORCH_HALF_PIXEL -> outLen > 1 ? (x + 0.5) / scale - 0.5 : 0;
            case ALIGN_CORNERS -> outLen == 1 ? 0 : x * (inLen - 1) / (scale * inLen - 1); // ONNX uses the real output length
            case ASYMMETRIC -> x / scale;
            case TF_CROP_AND_RESIZE -> outLen > 1
                    ? roiStart * (inLen - 1) + x * (roiEnd - roiStart) * (inLen - 1) / (outLen - 1)
                    : 0.5 * (roiStart + roiEnd) * (inLen - 1);
        };
    }

    /** Weights of the neighbours xi - n/2 + 1 .. xi + n/2 for the fraction ratio in (0, 1]. */
    private static double[] coefficients(double ratio, double scale, Attrs.ResizeNd a) {
        switch (a.mode()) {
            case NEAREST -> {
                if (ratio == 1) return new double[] {0, 1};
                boolean up = switch (a.nearest()) {
                    case ROUND_PREFER_FLOOR -> ratio > 0.5;
                    case ROUND_PREFER_CEIL -> ratio >= 0.5;
                    case FLOOR -> false;
                    case CEIL -> true;
                };
                return up ? new double[] {0, 1} : new double[] {1, 0};
            }
            case LINEAR -> {
                if (!a.antialias()) return new double[] {1 - ratio, ratio};
                double s = Math.min(scale, 1);
                int start = (int) Math.floor(-1 / s) + 1, n = 2 - 2 * start;
                double[] c = new double[n];
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    c[k] = Math.max(0, Math.min(1, 1 - Math.abs((start + k - ratio) * s)));
                    sum += c[k];
                }
                for (int k = 0; k < n; k++) c[k] /= sum;
                return c;
            }
            default -> {
                double A = a.cubicA();
                if (!a.antialias()) {
                    double r = ratio;
                    return new double[] {
                            ((A * (r + 1) - 5 * A) * (r + 1) + 8 * A) * (r + 1) - 4 * A,
                            ((A + 2) * r - (A + 3)) * r * r + 1,
                            ((A + 2) * (1 - r) - (A + 3)) * (1 - r) * (1 - r) + 1,
                            ((A * ((1 - r) + 1) - 5 * A) * ((1 - r) + 1) + 8 * A) * ((1 - r) + 1) - 4 * A};
                }
                double s = Math.min(scale, 1);
                int start = (int) Math.floor(-2 / s) + 1, n = 2 - 2 * start;
                double[] c = new double[n];
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double t = Math.abs(s * (start + k - ratio));
                    c[k] = t <= 1 ? ((A + 2) * t - (A + 3)) * t * t + 1 : t < 2 ? ((A * t - 5 * A) * t + 8 * A) * t - 4 * A : 0;
                    sum += c[k];
                }
                for (int k = 0; k < n; k++) c[k] /= sum;
                return c;
            }
        }
    }
}
