package dev.tinyforge.frontend.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** Ops that move data without arithmetic: shapes, slicing, concatenation, padding, constants. */
final class ShapeOps {
    private ShapeOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("Reshape", ShapeOps::reshape);
        m.put("Flatten", ShapeOps::flatten);
        m.put("Squeeze", ShapeOps::squeeze);
        m.put("Unsqueeze", ShapeOps::unsqueeze);
        m.put("Transpose", ShapeOps::transpose);
        m.put("Concat", ShapeOps::concat);
        m.put("Split", ShapeOps::split);
        m.put("Slice", ShapeOps::slice);
        m.put("Pad", ShapeOps::pad);
        m.put("Shape", ShapeOps::shape);
        m.put("Constant", ShapeOps::constant);
        m.put("ConstantOfShape", ShapeOps::constantOfShape);
        m.put("Expand", ShapeOps::expand);
        m.put("Gather", ShapeOps::gather);
        m.put("DepthToSpace", ShapeOps::depthToSpace);
        m.put("SpaceToDepth", ShapeOps::spaceToDepth);
        m.put("Cast", ShapeOps::cast);
    }

    static int[] ints(Tensor t) {
        int[] r = new int[t.size()];
        for (int i = 0; i < r.length; i++) {
            long v = t.getLong(i);
            r[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return r;
    }

    private static void reshape(NodeContext c) {
        int[] in = c.shape(0);
        int[] target = c.opset < 5 ? c.attrInts("shape", null) : ints(c.requireConstant(1, "the target shape"));
        boolean allowZero = c.attrInt("allowzero", 0) != 0;
        int[] out = target.clone();
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) out[i] = in[i];
            if (out[i] == -1) inferred = i;
            else known *= out[i];
        }
        long total = 1;
        for (int d : in) total *= d;
        if (inferred >= 0) out[inferred] = known == 0 ? 0 : (int) (total / known);
        c.out(c.reshape(c.in(0), out));
    }

    private static void flatten(NodeContext c) {
        int[] s = c.shape(0);
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), s.length);
        int a = 1, b = 1;
        for (int i = 0; i < s.length; i++) if (i < axis) a *= s[i]; else b *= s[i];
        c.out(c.reshape(c.in(0), a, b));
    }

    private static int[] axesOf(NodeContext c, int inputIndex) {
        if (c.opset >= 13) return c.has(inputIndex) ? ints(c.requireConstant(inputIndex, "axes")) : null;
        return c.attrInts("axes", null);
    }

    private static void squeeze(NodeContext c) {
        int[] s = c.shape(0);
        int[] axes = axesOf(c, 1);
        boolean[] drop = new boolean[s.length];
        if (axes == null) for (int i = 0; i < s.length; i++) drop[i] = s[i] == 1;
        else for (int a : axes) drop[NodeContext.normalizeAxis(a, s.length)] = true;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) if (!drop[i]) out.add(s[i]);
        c.out(c.reshape(c.in(0), out.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static void unsqueeze(NodeContext c) {
        int[] s = c.shape(0);
        int[] axes = axesOf(c, 1);
        int rank = s.length + axes.length;
        boolean[] added = new boolean[rank];
        for (int a : axes) added[NodeContext.normalizeAxis(a, rank)] = true;
        int[] out = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) out[i] = added[i] ? 1 : s[k++];
        c.out(c.reshape(c.in(0), out));
    }

    private static void transpose(NodeContext c) {
        int rank = c.shape(0).length;
        int[] perm = c.attrInts("perm", null);
        if (perm == null) {
            perm = new int[rank];
            for (int i = 0; i < rank; i++) perm[i] = rank - 1 - i;
        }
        if (c.isNhwc(0)) {
            // compose with NHWC to NCHW so no intermediate transpose is materialized
            int[] composed = new int[4];
            for (int i = 0; i < 4; i++) composed[i] = OnnxImporter.TO_NCHW[perm[i]];
            Value y = c.transpose(c.inNhwc(0), composed);
            c.out(y == c.inNhwc(0) ? c.reshape(y, y.type().shape()) : y);
            return;
        }
        Value y = c.transpose(c.in(0), perm);
        c.out(y == c.in(0) ? c.reshape(y, y.type().shape()) : y);
    }

    private static final int[] NCHW_AXIS_IN_NHWC = {0, 3, 1, 2};

    private static void concat(NodeContext c) {
        int[] s0 = c.shape(0);
        int rank = s0.length;
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), rank);
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) if (c.has(i)) present.add(i);
        boolean nhwc = rank == 4 && present.stream().anyMatch(c::isNhwc);
        int total = 0;
        for (int i : present) total += c.shape(i)[axis];
        Value[] ins = new Value[present.size()];
        for (int k = 0; k < ins.length; k++) ins[k] = nhwc ? c.inNhwc(present.get(k)) : c.in(present.get(k));
        int[] os = s0.clone();
        os[axis] = total;
        if (nhwc) {
            TensorType t = c.type(0).withShape(os[0], os[2], os[3], os[1]);
            c.outNhwc(c.emit(OpKind.CONCATENATION, new Attrs.Concat(NCHW_AXIS_IN_NHWC[axis], Activation.NONE), t, ins));
        } else {
            c.out(c.emit(OpKind.CONCATENATION, new Attrs.Concat(axis, Activation.NONE), c.type(0).withShape(os), ins));
        }
    }

    private static void split(NodeContext c) {
        int[] s = c.shape(0);
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 0), s.length);
        int n = c.outputCount();
        int[] sizes;
        if (c.opset >= 13 && c.has(1)) sizes = ints(c.requireConstant(1, "split"));
        else if (c.opset < 13 && c.hasAttr("split")) sizes = c.attrInts("split", null);
        else {
            int parts = c.hasAttr("num_outputs") ? (int) c.attrInt("num_outputs", n) : n;
            int chunk = (s[axis] + parts - 1) / parts;
            sizes = new int[parts];
            for (int i = 0; i < parts; i++) sizes[i] = Math.max(0, Math.min(chunk, s[axis] - i * chunk));
        }
        List<TensorType> types = new ArrayList<>();
        for (int sz : sizes) {
            int[] os = s.clone();
            os[axis] = sz;
            types.add(c.type(0).withShape(os));
        }
        Value[] outs = c.emitMulti(OpKind.SPLIT, new Attrs.Split(axis, sizes), types, c.in(0));
        for (int i = 0; i < outs.length; i++) c.out(i, outs[i]);
    }

    private static void slice(NodeContext c) {
        int[] s = c.shape(0);
        int rank = s.length;
        int[] starts, ends, axes, steps;
        if (c.opset < 10) {
            starts = c.attrInts("starts", null);
            ends = c.attrInts("ends", null);
            axes = c.attrInts("axes", null);
            steps = null;
        } else {
            starts = ints(c.requireConstant(1, "starts"));
            ends = ints(c.requireConstant(2, "ends"));
            axes = c.has(3) ? ints(c.requireConstant(3, "axes")) : null;
            steps = c.has(4) ? ints(c.requireConstant(4, "steps")) : null;
        }
        int[] begin = new int[rank], stride = new int[rank], size = s.clone();
        Arrays.fill(stride, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = axes == null ? i : NodeContext.normalizeAxis(axes[i], rank);
            int d = s[a], step = steps == null ? 1 : steps[i];
            if (step == 0) throw c.error("slice step 0");
            long st = starts[i], en = ends[i];
            if (st < 0) st += d;
            if (en < 0) en += d;
            if (step > 0) {
                st = Math.max(0, Math.min(d, st));
                en = Math.max(0, Math.min(d, en));
                size[a] = (int) Math.max(0, (en - st + step - 1) / step);
            } else {
                st = Math.max(0, Math.min(d - 1, st));
                en = Math.max(-1, Math.min(d - 1, en));
                size[a] = (int) Math.max(0, (st - en + (-step) - 1) / (-step));
            }
            begin[a] = (int) st;
            stride[a] = step;
        }
        c.out(c.emit(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(begin, stride, size), c.type(0).withShape(size), c.in(0)));
    }

    private static void pad(NodeContext c) {
        int[] s = c.shape(0);
        int rank = s.length;
        String mode = c.attrString("mode", "constant");
        int[] onnxPads;
        double value = 0;
        int[] axes = null;
        if (c.opset < 11) {
            onnxPads = c.attrInts(c.opset < 2 ? "paddings" : "pads", null);
            value = c.attrFloat("value", 0f);
        } else {
            onnxPads = ints(c.requireConstant(1, "pads"));
            if (c.has(2)) value = c.requireConstant(2, "constant_value").getDouble(0);
            if (c.has(3)) axes = ints(c.requireConstant(3, "axes"));
        }
        if (axes == null) {
            axes = new int[rank];
            for (int i = 0; i < rank; i++) axes[i] = i;
        }
        int[] pads = new int[2 * rank], os = s.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = NodeContext.normalizeAxis(axes[i], rank);
            pads[2 * a] = onnxPads[i];
            pads[2 * a + 1] = onnxPads[i + axes.length];
            os[a] += onnxPads[i] + onnxPads[i + axes.length];
        }
        for (int p : pads) if (p < 0) throw c.unsupported("negative padding");
        TensorType t = c.type(0).withShape(os);
        Value y = switch (mode) {
            case "constant" -> c.emit(OpKind.PAD, new Attrs.Pad(pads, value), t, c.in(0));
            case "reflect" -> c.emit(OpKind.PAD_BORDER, new Attrs.PadBorder(pads, Attrs.PadMode.REFLECT), t, c.in(0));
            case "edge" -> c.emit(OpKind.PAD_BORDER, new Attrs.PadBorder(pads, Attrs.PadMode.EDGE), t, c.in(0));
            case "wrap" -> c.emit(OpKind.PAD_BORDER, new Attrs.PadBorder(pads, Attrs.PadMode.WRAP), t, c.in(0));
            default -> throw c.unsupported("pad mode " + mode);
        };
        c.out(y);
    }

    private static void shape(NodeContext c) {
        int[] s = c.shape(0);
        int r = s.length;
        int start = (int) c.attrInt("start", 0), end = (int) c.attrInt("end", r);
        if (start < 0) start += r;
        if (end < 0) end += r;
        start = Math.max(0, Math.min(r, start));
        end = Math.max(start, Math.min(r, end));
        long[] v = new long[end - start];
        for (int i = start; i < end; i++) v[i - start] = s[i];
        c.out(c.constant(Tensor.wrap(new TensorType(ElementType.INT64, v.length), v)));
    }

    private static void constant(NodeContext c) {
        OnnxProto.Attribute a;
        if ((a = c.attr("value")) != null) c.out(c.constant(OnnxTensors.toTensor(a.t())));
        else if ((a = c.attr("value_float")) != null) c.out(c.constant(Tensor.wrap(new TensorType(ElementType.FLOAT32), new float[] {a.f()})));
        else if ((a = c.attr("value_floats")) != null)
            c.out(c.constant(Tensor.wrap(new TensorType(ElementType.FLOAT32, a.floats().length), a.floats())));
        else if ((a = c.attr("value_int")) != null) c.out(c.constant(Tensor.wrap(new TensorType(ElementType.INT64), new long[] {a.i()})));
        else if ((a = c.attr("value_ints")) != null)
            c.out(c.constant(Tensor.wrap(new TensorType(ElementType.INT64, a.ints().length), a.ints())));
        else throw c.unsupported("this form of Constant");
    }

    private static void constantOfShape(NodeContext c) {
        int[] shape = ints(c.requireConstant(0, "shape"));
        OnnxProto.Attribute a = c.attr("value");
        Tensor v = a == null ? Tensor.wrap(new TensorType(ElementType.FLOAT32, 1), new float[] {0f}) : OnnxTensors.toTensor(a.t());
        Tensor out = Tensor.zeros(new TensorType(v.type().elementType(), shape));
        for (int i = 0; i < out.size(); i++) {
            if (v.type().elementType().isFloat()) out.setDouble(i, v.getDouble(0));
            else out.setLong(i, v.getLong(0));
        }
        c.out(c.constant(out));
    }

    private static void expand(NodeContext c) {
        Tensor st = c.constant(1);
        int[] os;
        if (st != null) os = ElementwiseOps.broadcast(c.shape(0), ints(st));
        else {
            // a run-time shape: usable only when the model declares the output's static shape
            TensorType declared = c.declaredType(0);
            if (declared == null) throw c.unsupported("Expand to a run-time shape");
            os = declared.shape();
        }
        c.out(c.emit(OpKind.BROADCAST_TO, Attrs.None.INSTANCE, c.type(0).withShape(os), c.in(0)));
    }

    private static void gather(NodeContext c) {
        int[] s = c.shape(0), is = c.shape(1);
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 0), s.length);
        int[] os = new int[s.length - 1 + is.length];
        int k = 0;
        for (int i = 0; i < axis; i++) os[k++] = s[i];
        for (int d : is) os[k++] = d;
        for (int i = axis + 1; i < s.length; i++) os[k++] = s[i];
        c.out(c.emit(OpKind.GATHER, new Attrs.Axis(axis), c.type(0).withShape(os), c.in(0), c.in(1)));
    }

    private static void depthToSpace(NodeContext c) {
        int[] s = c.shape(0);
        int b = (int) c.attrInt("blocksize", 0), n = s[0], ch = s[1], h = s[2], w = s[3], oc = ch / (b * b);
        boolean crd = c.attrString("mode", "DCR").equals("CRD");
        Value x = c.in(0);
        Value y = crd
                ? c.transpose(c.reshape(x, n, oc, b, b, h, w), 0, 1, 4, 2, 5, 3)
                : c.transpose(c.reshape(x, n, b, b, oc, h, w), 0, 3, 4, 1, 5, 2);
        c.out(c.reshape(y, n, oc, h * b, w * b));
    }

    private static void spaceToDepth(NodeContext c) {
        int[] s = c.shape(0);
        int b = (int) c.attrInt("blocksize", 0), n = s[0], ch = s[1], h = s[2], w = s[3];
        Value y = c.transpose(c.reshape(c.in(0), n, ch, h / b, b, w / b, b), 0, 3, 5, 1, 2, 4);
        c.out(c.reshape(y, n, ch * b * b, h / b, w / b));
    }

    private static void cast(NodeContext c) {
        ElementType to = OnnxTensors.elementType((int) c.attrInt("to", 1), c.where());
        Value x = c.in(0);
        c.out(to == x.type().elementType() ? c.reshape(x, x.type().shape())
                : c.emit(OpKind.CAST, Attrs.None.INSTANCE, new TensorType(to, x.type().shape()), x));
    }
}
