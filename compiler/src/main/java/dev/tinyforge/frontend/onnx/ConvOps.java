package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** Conv, ConvTranspose, BatchNormalization, InstanceNormalization, Gemm and MatMul. */
final class ConvOps {
    private ConvOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("Conv", ConvOps::conv);
        m.put("ConvTranspose", ConvOps::convTranspose);
        m.put("BatchNormalization", ConvOps::batchNorm);
        m.put("InstanceNormalization", ConvOps::instanceNorm);
        m.put("Gemm", ConvOps::gemm);
        m.put("MatMul", ConvOps::matmul);
    }

    /** The input as NHWC 4-D: 4-D inputs directly, 3-D (N, C, W) inputs as (N, 1, W, C). */
    static Value spatialInputNhwc(NodeContext c, int i) {
        int[] s = c.shape(i);
        if (s.length == 4) return c.inNhwc(i);
        if (s.length == 3) return c.transpose(c.reshape(c.in(i), s[0], s[1], 1, s[2]), OnnxImporter.TO_NHWC);
        throw c.unsupported(s.length - 2 + "-D spatial input");
    }

    /** Defines the output from its NHWC 4-D result, undoing the 1-D lift. */
    static void spatialOutput(NodeContext c, Value y, int inputRank) {
        if (inputRank == 4) { c.outNhwc(y); return; }
        int[] s = y.type().shape(); // N, 1, W, C
        c.out(c.reshape(c.transpose(y, OnnxImporter.TO_NCHW), s[0], s[3], s[2]));
    }

    /** An ints attribute of one value per spatial axis, lifted to 2 axes for 1-D ops. */
    static int[] spatial(NodeContext c, String name, int def, int rank) {
        int[] v = c.attrInts(name, null);
        if (v == null) return new int[] {def, def};
        return rank == 3 ? new int[] {def, v[0]} : v;
    }

    /** pads as {top, left, bottom, right} (1-D lifted). */
    static int[] pads(NodeContext c, int rank) {
        int[] p = c.attrInts("pads", null);
        if (p == null) return new int[4];
        return rank == 3 ? new int[] {0, p[0], 0, p[1]} : new int[] {p[0], p[1], p[2], p[3]};
    }

    private static void conv(NodeContext c) {
        int rank = c.shape(0).length;
        if (rank != 3 && rank != 4) throw c.unsupported(rank - 2 + "-D Conv");
        spatialOutput(c, convCore(c, spatialInputNhwc(c, 0), c.in(1), c.has(2) ? c.in(2) : null, rank), rank);
    }

    /** The convolution of an NHWC input with an ONNX-layout weight; returns the NHWC result. */
    static Value convCore(NodeContext c, Value x, Value w, Value bias, int rank) {
        int[] ws = w.type().shape();
        if (rank == 3) w = c.reshape(w, ws[0], ws[1], 1, ws[2]);
        int[] w4 = w.type().shape(); // O, I/g, kH, kW
        int[] is = x.type().shape();
        int group = (int) c.attrInt("group", 1);
        int[] strides = spatial(c, "strides", 1, rank), dil = spatial(c, "dilations", 1, rank), p = pads(c, rank);
        String auto = c.attrString("auto_pad", "NOTSET");
        SpatialPadding ph = SpatialPadding.of(is[1], w4[2], strides[0], dil[0], auto, p[0], p[2], false);
        SpatialPadding pw = SpatialPadding.of(is[2], w4[3], strides[1], dil[1], auto, p[1], p[3], false);
        int[] pads = {ph.before(), pw.before(), ph.after(), pw.after()};
        int outC = w4[0];
        TensorType ot = new TensorType(x.type().elementType(), is[0], ph.out(), pw.out(), outC);
        Value y;
        if (group > 1 && group == is[3] && w4[1] == 1) {
            Value f = c.transpose(w, 1, 2, 3, 0); // 1, kH, kW, O
            y = c.emit(OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(pads, strides, dil, outC / group, Activation.NONE),
                    ot, x, f, bias);
        } else {
            Value f = c.transpose(w, 0, 2, 3, 1); // O, kH, kW, I/g
            y = c.emit(OpKind.CONV_2D, new Attrs.Conv2D(pads, strides, dil, Activation.NONE), ot, x, f, bias);
        }
        return y;
    }

    private static void convTranspose(NodeContext c) {
        int rank = c.shape(0).length;
        if (rank != 3 && rank != 4) throw c.unsupported(rank - 2 + "-D ConvTranspose");
        Value x = spatialInputNhwc(c, 0);
        int[] ws = c.shape(1);
        Value w = c.in(1);
        if (rank == 3) w = c.reshape(w, ws[0], ws[1], 1, ws[2]);
        int[] w4 = w.type().shape(); // Cin, O/g, kH, kW
        int[] is = x.type().shape();
        int group = (int) c.attrInt("group", 1);
        int[] strides = spatial(c, "strides", 1, rank), dil = spatial(c, "dilations", 1, rank), p = pads(c, rank);
        int[] outPad = spatial(c, "output_padding", 0, rank);
        int[] outShape = c.attrInts("output_shape", null);
        if (outShape != null && rank == 3) outShape = new int[] {1, outShape[outShape.length - 1]};
        else if (outShape != null && outShape.length > 2) outShape = new int[] {outShape[outShape.length - 2], outShape[outShape.length - 1]};
        String auto = c.attrString("auto_pad", "NOTSET");
        int[] out = new int[2], before = new int[2];
        for (int a = 0; a < 2; a++) {
            int in = is[1 + a], k = w4[2 + a], window = (k - 1) * dil[a] + 1;
            int full = strides[a] * (in - 1) + outPad[a] + window;
            if (outShape != null || auto.startsWith("SAME")) {
                out[a] = outShape != null ? outShape[a] : in * strides[a];
                int total = full - out[a];
                before[a] = auto.equals("SAME_UPPER") ? Math.floorDiv(total, 2) : total - Math.floorDiv(total, 2);
            } else {
                out[a] = full - p[a] - p[a + 2];
                before[a] = p[a];
            }
        }
        Value f = c.transpose(w, 0, 2, 3, 1); // Cin, kH, kW, O/g
        TensorType ot = new TensorType(x.type().elementType(), is[0], out[0], out[1], w4[1] * group);
        Value y = c.emit(OpKind.TRANSPOSE_CONV, new Attrs.TransposeConv(before, strides, dil, group), ot, x, f,
                c.has(2) ? c.in(2) : null);
        spatialOutput(c, y, rank);
    }

    /** y = x * a + b per channel, with a = scale / sqrt(var + eps), b = bias - mean * a (folded when constant). */
    private static void batchNorm(NodeContext c) {
        int[] xs = c.shape(0);
        float eps = c.attrFloat("epsilon", 1e-5f);
        int ch = xs.length > 1 ? xs[1] : 1;
        TensorType pt = new TensorType(ElementType.FLOAT32, ch);
        Value var = c.emit(OpKind.ADD, new Attrs.Binary(Activation.NONE), pt, c.in(4), c.scalar(eps));
        Value std = c.emit(OpKind.SQRT, Attrs.None.INSTANCE, pt, var);
        Value a = c.emit(OpKind.DIV, new Attrs.Binary(Activation.NONE), pt, c.in(1), std);
        Value ma = c.emit(OpKind.MUL, new Attrs.Binary(Activation.NONE), pt, c.in(3), a);
        Value b = c.emit(OpKind.SUB, new Attrs.Binary(Activation.NONE), pt, c.in(2), ma);
        if (xs.length == 4 && c.isNhwc(0) || xs.length == 4 && a.isConstant()) {
            Value x = c.inNhwc(0);
            Value y = c.emit(OpKind.MUL, new Attrs.Binary(Activation.NONE), x.type(), x, a);
            c.outNhwc(c.emit(OpKind.ADD, new Attrs.Binary(Activation.NONE), x.type(), y, b));
            return;
        }
        int[] ps = new int[Math.max(xs.length - 1, 1)];
        java.util.Arrays.fill(ps, 1);
        ps[0] = ch;
        Value x = c.in(0);
        Value y = c.emit(OpKind.MUL, new Attrs.Binary(Activation.NONE), x.type(), x, c.reshape(a, ps));
        c.out(c.emit(OpKind.ADD, new Attrs.Binary(Activation.NONE), x.type(), y, c.reshape(b, ps)));
    }

    private static void instanceNorm(NodeContext c) {
        Value x = c.in(0);
        int[] xs = x.type().shape();
        int[] axes = new int[xs.length - 2];
        for (int i = 0; i < axes.length; i++) axes[i] = i + 2;
        int[] ms = xs.clone();
        for (int a : axes) ms[a] = 1;
        TensorType mt = x.type().withShape(ms);
        Attrs.Binary none = new Attrs.Binary(Activation.NONE);
        Value mean = c.emit(OpKind.MEAN, new Attrs.Reduce(axes, true), mt, x);
        Value d = c.emit(OpKind.SUB, none, x.type(), x, mean);
        Value var = c.emit(OpKind.MEAN, new Attrs.Reduce(axes, true), mt, c.emit(OpKind.MUL, none, x.type(), d, d));
        Value std = c.emit(OpKind.SQRT, Attrs.None.INSTANCE, mt,
                c.emit(OpKind.ADD, none, mt, var, c.scalar(c.attrFloat("epsilon", 1e-5f))));
        Value n = c.emit(OpKind.DIV, none, x.type(), d, std);
        int[] ps = new int[xs.length - 1];
        java.util.Arrays.fill(ps, 1);
        ps[0] = xs[1];
        Value y = c.emit(OpKind.MUL, none, x.type(), n, c.reshape(c.in(1), ps));
        c.out(c.emit(OpKind.ADD, none, x.type(), y, c.reshape(c.in(2), ps)));
    }

    private static void gemm(NodeContext c) {
        Value a = c.in(0), b = c.in(1);
        if (c.attrInt("transA", 0) != 0) a = c.transpose(a, 1, 0);
        Value bt = c.attrInt("transB", 0) != 0 ? b : c.transpose(b, 1, 0); // [N, K]
        int m = a.type().dim(0), n = bt.type().dim(0);
        float alpha = c.attrFloat("alpha", 1f), beta = c.attrFloat("beta", 1f);
        Value bias = null;
        if (c.has(2) && alpha == 1f && beta == 1f && c.constant(2) != null && c.constant(2).size() == n
                && c.shape(2)[c.shape(2).length - 1] == n)
            bias = c.reshape(c.in(2), n);
        TensorType ot = new TensorType(a.type().elementType(), m, n);
        Value y = c.emit(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, false), ot, a, bt, bias);
        Attrs.Binary none = new Attrs.Binary(Activation.NONE);
        if (alpha != 1f) y = c.emit(OpKind.MUL, none, ot, y, c.scalar(alpha));
        if (c.has(2) && bias == null && beta != 0f) {
            Value cc = c.in(2);
            if (beta != 1f) cc = c.emit(OpKind.MUL, none, cc.type(), cc, c.scalar(beta));
            y = c.emit(OpKind.ADD, none, ot, y, cc);
        }
        c.out(y);
    }

    private static void matmul(NodeContext c) {
        c.out(matmulValues(c, c.in(0), c.in(1)));
    }

    /** Numpy matmul of two values (FULLY_CONNECTED when b is a 2-D float matrix). */
    static Value matmulValues(NodeContext c, Value a, Value b) {
        int[] as = a.type().shape(), bs = b.type().shape();
        boolean aVec = as.length == 1, bVec = bs.length == 1;
        if (aVec) a = c.reshape(a, 1, as[0]);
        if (bVec) b = c.reshape(b, bs[0], 1);
        as = a.type().shape();
        bs = b.type().shape();
        int m = as[as.length - 2], n = bs[bs.length - 1];
        Value y;
        if (bs.length == 2 && a.type().elementType().isFloat()) {
            int k = as[as.length - 1], rows = (int) (a.type().elementCount() / k);
            Value a2 = c.reshape(a, rows, k);
            Value fc = c.emit(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, false),
                    new TensorType(a.type().elementType(), rows, n), a2, c.transpose(b, 1, 0), null);
            int[] os = as.clone();
            os[os.length - 1] = n;
            y = c.reshape(fc, os);
        } else {
            int[] batch = ElementwiseOps.broadcast(java.util.Arrays.copyOf(as, as.length - 2), java.util.Arrays.copyOf(bs, bs.length - 2));
            int[] os = java.util.Arrays.copyOf(batch, batch.length + 2);
            os[batch.length] = m;
            os[batch.length + 1] = n;
            y = c.emit(OpKind.BATCH_MATMUL, Attrs.None.INSTANCE, new TensorType(a.type().elementType(), os), a, b);
        }
        int[] ys = y.type().shape();
        if (aVec || bVec) {
            java.util.List<Integer> keep = new java.util.ArrayList<>();
            for (int i = 0; i < ys.length; i++) {
                if (aVec && i == ys.length - 2) continue;
                if (bVec && i == ys.length - 1) continue;
                keep.add(ys[i]);
            }
            y = c.reshape(y, keep.stream().mapToInt(Integer::intValue).toArray());
        }
        return y;
    }
}
