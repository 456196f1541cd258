package dev.tinyforge.interp.ops;

import dev.tinyforge.ir.Attrs;

/**
 * The neighbours and weights ONNX Resize gives each output index along one axis: the output coordinate
 * mapped to the input by the coordinate transformation, then nearest / linear / cubic weights over
 * edge-clamped neighbours (optionally antialiased or excluding outside neighbours). Shared by the
 * interpreter and the C backend, which stores them as tables.
 *
 * @param count neighbours per output index
 * @param indices outLen x count input indices, clamped to the axis
 * @param weights outLen x count weights (0 where a neighbour does not contribute)
 * @param outside per output index: outside the crop box (TF_CROP_AND_RESIZE), the extrapolation value
 */
public record ResizeNdTaps(int count, int[] indices, double[] weights, boolean[] outside) {

    public static ResizeNdTaps of(Attrs.ResizeNd a, int axis, int rank, int inLen, int outLen) {
        double scale = a.scales()[axis];
        double roiStart = a.roi().length == 2 * rank ? a.roi()[axis] : 0, roiEnd = a.roi().length == 2 * rank ? a.roi()[rank + axis] : 1;
        int count = -1;
        int[] indices = null;
        double[] weights = null;
        boolean[] outside = new boolean[outLen];
        for (int ox = 0; ox < outLen; ox++) {
            double xo = original(ox, scale, inLen, outLen, roiStart, roiEnd, a.coordinates());
            outside[ox] = a.coordinates() == Attrs.ResizeCoordinates.TF_CROP_AND_RESIZE && (xo < 0 || xo > inLen - 1);
            int xi = (int) Math.floor(xo);
            double ratio = xo - xi;
            if (ratio == 0) { xi -= 1; ratio = 1; } // ONNX's reference picks the upper neighbour of an exact hit
            double[] coeffs = coefficients(ratio, scale, a);
            if (count < 0) {
                count = coeffs.length;
                indices = new int[outLen * count];
                weights = new double[outLen * count];
            }
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
            for (int k = 0; k < count; k++) {
                indices[ox * count + k] = Math.max(0, Math.min(inLen - 1, first + k));
                weights[ox * count + k] = coeffs[k];
            }
        }
        return new ResizeNdTaps(Math.max(count, 0), indices == null ? new int[0] : indices, weights == null ? new double[0] : weights, outside);
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
