package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Resize (opsets 10-19) and Upsample. The common CNN case (nearest, integer scales, asymmetric
 * coordinates on H and W of a 4-D tensor) becomes TFLite's RESIZE_NEAREST_NEIGHBOR in NHWC; everything
 * else becomes RESIZE_ND with ONNX's full semantics.
 */
final class ResizeOps {
    private ResizeOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("Resize", ResizeOps::resize);
        m.put("Upsample", ResizeOps::upsample);
    }

    private static void upsample(NodeContext c) {
        float[] scales = c.opset < 9 ? c.attrFloats("scales", null) : floats(c.requireConstant(1, "scales"));
        String mode = c.attrString("mode", "nearest");
        emit(c, mode, "asymmetric", "floor", -0.75f, false, false, 0f, scales, null, new float[0]);
    }

    private static void resize(NodeContext c) {
        int rank = c.shape(0).length;
        String mode = c.attrString("mode", "nearest");
        String coord = c.opset < 11 ? "asymmetric" : c.attrString("coordinate_transformation_mode", "half_pixel");
        String nearest = c.opset < 11 ? "floor" : c.attrString("nearest_mode", "round_prefer_floor");
        float[] scales = null;
        int[] sizes = null;
        float[] roi = new float[0];
        if (c.opset < 11) scales = floats(c.requireConstant(1, "scales"));
        else {
            if (c.has(1) && c.constant(1) != null && c.constant(1).size() > 0) roi = floats(c.constant(1));
            if (c.has(2) && c.requireConstant(2, "scales").size() > 0) scales = floats(c.constant(2));
            if (c.has(3) && c.requireConstant(3, "sizes").size() > 0) sizes = ShapeOps.ints(c.constant(3));
        }
        int[] axes = c.attrInts("axes", null);
        if (axes == null) {
            axes = new int[rank];
            for (int i = 0; i < rank; i++) axes[i] = i;
        }
        // expand per-axis values to the full rank
        int[] s = c.shape(0);
        float[] fullScales = new float[rank];
        java.util.Arrays.fill(fullScales, 1f);
        float[] fullRoi = new float[2 * rank];
        for (int i = 0; i < rank; i++) fullRoi[rank + i] = 1f;
        for (int i = 0; i < axes.length; i++) {
            int a = NodeContext.normalizeAxis(axes[i], rank);
            if (roi.length == 2 * axes.length) {
                fullRoi[a] = roi[i];
                fullRoi[rank + a] = roi[axes.length + i];
            }
        }
        int[] out = s.clone();
        if (scales != null) {
            for (int i = 0; i < axes.length; i++) fullScales[NodeContext.normalizeAxis(axes[i], rank)] = scales[i];
            for (int a = 0; a < rank; a++) {
                double span = coord.equals("tf_crop_and_resize") ? fullRoi[rank + a] - fullRoi[a] : 1;
                out[a] = (int) Math.floor(s[a] * span * fullScales[a]);
            }
        } else if (sizes != null) {
            String policy = c.attrString("keep_aspect_ratio_policy", "stretch");
            double common = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
            for (int i = 0; i < axes.length; i++) {
                int a = NodeContext.normalizeAxis(axes[i], rank);
                double r = sizes[i] / (double) s[a];
                common = policy.equals("not_larger") ? Math.min(common, r) : Math.max(common, r);
            }
            for (int i = 0; i < axes.length; i++) {
                int a = NodeContext.normalizeAxis(axes[i], rank);
                if (policy.equals("stretch")) {
                    out[a] = sizes[i];
                    fullScales[a] = sizes[i] / (float) s[a];
                } else {
                    out[a] = (int) Math.floor(s[a] * common + 0.5);
                    fullScales[a] = (float) common;
                }
            }
        } else throw c.error("needs scales or sizes");
        emitFull(c, mode, coord, nearest, c.attrFloat("cubic_coeff_a", -0.75f), c.attrInt("exclude_outside", 0) != 0,
                c.attrInt("antialias", 0) != 0, c.attrFloat("extrapolation_value", 0f), fullScales, out, fullRoi);
    }

    private static void emit(NodeContext c, String mode, String coord, String nearest, float a, boolean exclude,
                             boolean antialias, float extrapolation, float[] scales, int[] unused, float[] roi) {
        int[] s = c.shape(0);
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = (int) Math.floor(s[i] * scales[i]);
        emitFull(c, mode, coord, nearest, a, exclude, antialias, extrapolation, scales, out, roi);
    }

    private static void emitFull(NodeContext c, String mode, String coord, String nearest, float cubicA, boolean exclude,
                                 boolean antialias, float extrapolation, float[] scales, int[] out, float[] roi) {
        Attrs.ResizeMode m = switch (mode) {
            case "nearest" -> Attrs.ResizeMode.NEAREST;
            case "linear", "bilinear" -> Attrs.ResizeMode.LINEAR;
            case "cubic" -> Attrs.ResizeMode.CUBIC;
            default -> throw c.unsupported("resize mode " + mode);
        };
        Attrs.ResizeCoordinates ct = Attrs.ResizeCoordinates.valueOf(coord.toUpperCase(java.util.Locale.ROOT));
        Attrs.NearestRounding nr = Attrs.NearestRounding.valueOf(nearest.toUpperCase(java.util.Locale.ROOT));
        int rank = out.length;
        boolean spatialOnly = rank == 4 && scales[0] == 1f && scales[1] == 1f;
        if (spatialOnly && m == Attrs.ResizeMode.NEAREST && ct == Attrs.ResizeCoordinates.ASYMMETRIC && nr == Attrs.NearestRounding.FLOOR
                && isInteger(scales[2]) && isInteger(scales[3]) && out[2] == c.shape(0)[2] * (int) scales[2]
                && out[3] == c.shape(0)[3] * (int) scales[3]) {
            Value x = c.inNhwc(0);
            int[] is = x.type().shape();
            c.outNhwc(c.emit(OpKind.RESIZE_NEAREST_NEIGHBOR, new Attrs.Resize(false, false),
                    x.type().withShape(is[0], out[2], out[3], is[3]), x));
            return;
        }
        if (spatialOnly && c.isNhwc(0)) {
            int[] p = OnnxImporter.TO_NHWC;
            float[] ns = new float[4], nroi = new float[roi.length == 8 ? 8 : 0];
            int[] no = new int[4];
            for (int i = 0; i < 4; i++) {
                ns[i] = scales[p[i]];
                no[i] = out[p[i]];
                if (nroi.length == 8) { nroi[i] = roi[p[i]]; nroi[4 + i] = roi[4 + p[i]]; }
            }
            Value x = c.inNhwc(0);
            c.outNhwc(c.emit(OpKind.RESIZE_ND, new Attrs.ResizeNd(m, ct, nr, cubicA, exclude, antialias, extrapolation, ns, nroi),
                    x.type().withShape(no), x));
            return;
        }
        Value x = c.in(0);
        c.out(c.emit(OpKind.RESIZE_ND, new Attrs.ResizeNd(m, ct, nr, cubicA, exclude, antialias, extrapolation, scales, roi),
                x.type().withShape(out), x));
    }

    private static boolean isInteger(float f) { return f >= 1 && f == Math.rint(f); }

    static float[] floats(Tensor t) {
        float[] r = new float[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) t.getDouble(i);
        return r;
    }
}
