package dev.tinyforge.frontend.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** ReduceMean, ReduceMax, ArgMax and Softmax. */
final class ReduceOps {
    private ReduceOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("ReduceMean", c -> reduce(c, OpKind.MEAN, 18));
        m.put("ReduceMax", c -> reduce(c, OpKind.REDUCE_MAX, 18));
        m.put("ArgMax", ReduceOps::argMax);
        m.put("Softmax", ReduceOps::softmax);
    }

    private static final int[] NCHW_AXIS_IN_NHWC = {0, 3, 1, 2};

    private static void reduce(NodeContext c, OpKind kind, int axesInputSince) {
        int[] s = c.shape(0);
        int rank = s.length;
        int[] axes = c.opset >= axesInputSince ? (c.has(1) ? ShapeOps.ints(c.requireConstant(1, "axes")) : null)
                : c.attrInts("axes", null);
        boolean keep = c.attrInt("keepdims", 1) != 0;
        if (axes == null || axes.length == 0) {
            if (c.attrInt("noop_with_empty_axes", 0) != 0) { c.out(c.reshape(c.in(0), s)); return; }
            axes = new int[rank];
            for (int i = 0; i < rank; i++) axes[i] = i;
        }
        boolean[] red = new boolean[rank];
        for (int a : axes) red[NodeContext.normalizeAxis(a, rank)] = true;
        List<Integer> os = new ArrayList<>();
        for (int i = 0; i < rank; i++) if (!red[i]) os.add(s[i]); else if (keep) os.add(1);
        int[] norm = new int[0];
        for (int i = 0; i < rank; i++) if (red[i]) { norm = java.util.Arrays.copyOf(norm, norm.length + 1); norm[norm.length - 1] = i; }
        if (rank == 4 && keep && c.isNhwc(0)) {
            int[] nAxes = new int[norm.length];
            for (int i = 0; i < norm.length; i++) nAxes[i] = NCHW_AXIS_IN_NHWC[norm[i]];
            java.util.Arrays.sort(nAxes);
            Value x = c.inNhwc(0);
            int[] o = x.type().shape();
            for (int a : nAxes) o[a] = 1;
            c.outNhwc(c.emit(kind, new Attrs.Reduce(nAxes, true), x.type().withShape(o), x));
            return;
        }
        Value x = c.in(0);
        c.out(c.emit(kind, new Attrs.Reduce(norm, keep), x.type().withShape(os.stream().mapToInt(Integer::intValue).toArray()), x));
    }

    private static void argMax(NodeContext c) {
        int[] s = c.shape(0);
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 0), s.length);
        boolean keep = c.attrInt("keepdims", 1) != 0;
        List<Integer> os = new ArrayList<>();
        for (int i = 0; i < s.length; i++) if (i != axis) os.add(s[i]); else if (keep) os.add(1);
        c.out(c.emit(OpKind.ARG_MAX, new Attrs.ArgMax(axis, keep, c.attrInt("select_last_index", 0) != 0),
                new TensorType(ElementType.INT64, os.stream().mapToInt(Integer::intValue).toArray()), c.in(0)));
    }

    private static void softmax(NodeContext c) {
        int[] s = c.shape(0);
        int rank = s.length;
        Attrs.Softmax attrs = new Attrs.Softmax(1f);
        if (c.opset < 13) {
            int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), rank);
            int a = 1, b = 1;
            for (int i = 0; i < rank; i++) if (i < axis) a *= s[i]; else b *= s[i];
            Value x2 = c.reshape(c.in(0), a, b);
            c.out(c.reshape(c.emit(OpKind.SOFTMAX, attrs, x2.type(), x2), s));
            return;
        }
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", -1), rank);
        if (rank == 4 && axis == 1 && c.isNhwc(0)) {
            Value x = c.inNhwc(0);
            c.outNhwc(c.emit(OpKind.SOFTMAX, attrs, x.type(), x));
            return;
        }
        Value x = c.in(0);
        if (axis == rank - 1) { c.out(c.emit(OpKind.SOFTMAX, attrs, x.type(), x)); return; }
        int[] perm = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) if (i != axis) perm[k++] = i;
        perm[rank - 1] = axis;
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) inv[perm[i]] = i;
        Value t = c.transpose(x, perm);
        c.out(c.transpose(c.emit(OpKind.SOFTMAX, attrs, t.type(), t), inv));
    }
}
