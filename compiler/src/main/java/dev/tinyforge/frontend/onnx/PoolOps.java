package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** MaxPool, AveragePool (1-D and 2-D) and the global pools. */
final class PoolOps {
    private PoolOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("MaxPool", c -> pool(c, OpKind.MAX_POOL_2D));
        m.put("AveragePool", c -> pool(c, OpKind.AVERAGE_POOL_2D));
        m.put("GlobalAveragePool", c -> global(c, OpKind.MEAN));
        m.put("GlobalMaxPool", c -> global(c, OpKind.REDUCE_MAX));
    }

    private static void pool(NodeContext c, OpKind kind) {
        int rank = c.shape(0).length;
        int[] dl = c.attrInts("dilations", null);
        boolean dilated = dl != null && java.util.Arrays.stream(dl).anyMatch(d -> d != 1);
        if ((rank > 4 || dilated) && !(c.outputCount() > 1 && c.hasOutput(1))) { poolNd(c, kind == OpKind.MAX_POOL_2D); return; }
        if (rank != 3 && rank != 4) throw c.unsupported(rank - 2 + "-D pooling");
        if (c.outputCount() > 1 && c.hasOutput(1)) throw c.unsupported("the Indices output of MaxPool");
        int[] dil = ConvOps.spatial(c, "dilations", 1, rank);
        if (dil[0] != 1 || dil[1] != 1) throw c.unsupported("dilated pooling");
        if (c.attrInt("storage_order", 0) != 0) throw c.unsupported("storage_order 1");
        Value x = ConvOps.spatialInputNhwc(c, 0);
        int[] is = x.type().shape();
        int[] k = c.attrInts("kernel_shape", null);
        if (k == null) throw c.error("kernel_shape is required");
        if (rank == 3) k = new int[] {1, k[0]};
        int[] strides = ConvOps.spatial(c, "strides", 1, rank), p = ConvOps.pads(c, rank);
        String auto = c.attrString("auto_pad", "NOTSET");
        boolean ceil = c.attrInt("ceil_mode", 0) != 0;
        SpatialPadding ph = SpatialPadding.of(is[1], k[0], strides[0], 1, auto, p[0], p[2], ceil);
        SpatialPadding pw = SpatialPadding.of(is[2], k[1], strides[1], 1, auto, p[1], p[3], ceil);
        int padB = ph.effectiveAfter(is[1], k[0], strides[0], 1), padR = pw.effectiveAfter(is[2], k[1], strides[1], 1);
        int[] pads = {ph.before(), pw.before(), padB, padR};
        boolean includePad = kind == OpKind.AVERAGE_POOL_2D && c.attrInt("count_include_pad", 0) != 0
                && (ph.before() + ph.after() + pw.before() + pw.after()) > 0;
        if (includePad) {
            // padded zeros count in the average: pad explicitly, then pool what remains (ceil overshoot excluded)
            int[] explicit = {0, 0, ph.before(), ph.after(), pw.before(), pw.after(), 0, 0};
            int[] ps = {is[0], is[1] + ph.before() + ph.after(), is[2] + pw.before() + pw.after(), is[3]};
            x = c.emit(OpKind.PAD, new Attrs.Pad(explicit, 0), x.type().withShape(ps), x);
            pads = new int[] {0, 0, padB - ph.after(), padR - pw.after()};
        }
        TensorType ot = x.type().withShape(is[0], ph.out(), pw.out(), is[3]);
        Value y = c.emit(kind, new Attrs.Pool2D(k, strides, pads, Activation.NONE), ot, x);
        ConvOps.spatialOutput(c, y, rank);
    }

    /** Pools of rank 3-D and up or with dilations, in ONNX layout. */
    private static void poolNd(NodeContext c, boolean max) {
        int[] s = c.shape(0);
        int k = s.length - 2;
        int[] kernel = c.attrInts("kernel_shape", null);
        int[] strides = c.attrInts("strides", null), dil = c.attrInts("dilations", null), p = c.attrInts("pads", null);
        if (strides == null) { strides = new int[k]; java.util.Arrays.fill(strides, 1); }
        if (dil == null) { dil = new int[k]; java.util.Arrays.fill(dil, 1); }
        if (p == null) p = new int[2 * k];
        String auto = c.attrString("auto_pad", "NOTSET");
        boolean ceil = c.attrInt("ceil_mode", 0) != 0;
        int[] pads = new int[2 * k], os = s.clone();
        for (int d = 0; d < k; d++) {
            SpatialPadding sp = SpatialPadding.of(s[2 + d], kernel[d], strides[d], dil[d], auto, p[d], p[k + d], ceil);
            pads[d] = sp.before();
            pads[k + d] = sp.after();
            os[2 + d] = sp.out();
        }
        boolean include = c.attrInt("count_include_pad", 0) != 0;
        Value x = c.in(0);
        c.out(c.emit(OpKind.POOL_ND, new Attrs.PoolNd(max, kernel, strides, pads, dil, include), x.type().withShape(os), x));
    }

    private static void global(NodeContext c, OpKind kind) {
        int[] s = c.shape(0);
        if (s.length == 4) {
            Value x = c.inNhwc(0);
            c.outNhwc(c.emit(kind, new Attrs.Reduce(new int[] {1, 2}, true), x.type().withShape(s[0], 1, 1, s[1]), x));
            return;
        }
        int[] axes = new int[s.length - 2];
        int[] os = s.clone();
        for (int i = 0; i < axes.length; i++) { axes[i] = i + 2; os[i + 2] = 1; }
        Value x = c.in(0);
        c.out(c.emit(kind, new Attrs.Reduce(axes, true), x.type().withShape(os), x));
    }
}
