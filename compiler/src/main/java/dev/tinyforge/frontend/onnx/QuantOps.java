package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * QuantizeLinear / DequantizeLinear (per-tensor and per-axis). Blocked quantization is not supported.
 *
 * <p>DequantizeLinear with constant parameters on int8 / uint8 / int32 becomes one DEQUANTIZE whose input
 * carries the quantization in its type (TFLM's (float) ((double) scale * (q - zp)) is ONNX's float
 * (q - zp) * scale: the double product of a float and a small integer is exact, so both round once).
 * It is never folded, even on a constant: the int8 weights stay visible to the QDQ lowering passes
 * ({@code dev.tinyforge.passes.qdq}). Other forms are written out in float arithmetic.
 *
 * <p>QuantizeLinear stays ONNX's float arithmetic, y = saturate(round_half_even(x / scale) + zero_point)
 * (TFLite's QUANTIZE rounds ties away from zero), but with constant per-tensor parameters its result type
 * carries the quantization, which is how the lowering passes recognize the chain.
 */
final class QuantOps {
    private QuantOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("QuantizeLinear", QuantOps::quantize);
        m.put("DequantizeLinear", QuantOps::dequantize);
    }

    /** Scale or zero point reshaped to broadcast along {@code axis} of a tensor of the given rank. */
    private static Value perAxis(NodeContext c, Value p, int axis, int rank) {
        if (p.type().elementCount() == 1) return c.reshape(p);
        int[] s = new int[rank];
        java.util.Arrays.fill(s, 1);
        s[axis] = (int) p.type().elementCount();
        return c.reshape(p, s);
    }

    private static void checkNotBlocked(NodeContext c) {
        if (c.attrInt("block_size", 0) != 0) throw c.unsupported("blocked quantization");
    }

    static Value toFloat(NodeContext c, Value v) {
        if (v.type().elementType().isFloat()) return v;
        return c.emit(OpKind.CAST, Attrs.None.INSTANCE, new TensorType(ElementType.FLOAT32, v.type().shape()), v);
    }

    /** The axis of an ONNX-layout 4-D tensor in its NHWC form. */
    private static int nhwcAxis(int onnxAxis) {
        return new int[] {0, 3, 1, 2}[onnxAxis];
    }

    private static void dequantize(NodeContext c) {
        checkNotBlocked(c);
        int rank = c.shape(0).length;
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), Math.max(rank, 1));
        boolean nhwc = c.isNhwc(0) && rank == 4;
        Value x = nhwc ? c.inNhwc(0) : c.in(0);
        int a = nhwc ? nhwcAxis(axis) : axis;
        Value scale = c.in(1), zp = c.has(2) ? c.in(2) : null;
        Value y = dequantizeNode(c, x, c.constant(1), c.has(2) ? c.constant(2) : null, c.has(2), a);
        if (y == null) y = dequantizeValue(c, x, scale, zp, a);
        if (nhwc) c.outNhwc(y); else c.out(y);
    }

    /**
     * One DEQUANTIZE of x with the given constant parameters, or null when the form does not fit one
     * (parameters computed at run time, other element types, x already carrying another quantization).
     */
    static Value dequantizeNode(NodeContext c, Value x, Tensor scale, Tensor zp, boolean hasZp, int axis) {
        ElementType et = x.type().elementType();
        if (scale == null || (hasZp && zp == null)) return null;
        if (et != ElementType.INT8 && et != ElementType.UINT8 && et != ElementType.INT32) return null;
        Quant q = quant(scale, zp, axis);
        if (q == null || q.isPerChannel() && (x.type().rank() == 0 || x.type().dim(axis) != q.channels())) return null;
        Value xq = withQuant(c, x, q);
        if (xq == null) return null;
        return c.emitKept(OpKind.DEQUANTIZE, Attrs.None.INSTANCE, new TensorType(ElementType.FLOAT32, x.type().shape()), xq);
    }

    /** The quantization of the given parameters (per-tensor when there is one scale), or null if not finite. */
    static Quant quant(Tensor scale, Tensor zp, int axis) {
        int n = scale.size();
        if (zp != null && zp.size() != n) return null;
        float[] s = new float[n];
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) scale.getDouble(i);
            if (!(s[i] > 0) || Float.isInfinite(s[i])) return null;
            z[i] = zp == null ? 0 : (int) zp.getLong(i);
        }
        return n == 1 ? Quant.perTensor(s[0], z[0]) : new Quant(s, z, axis);
    }

    /** x carrying quantization q: a retyped constant, x itself, or null when x already has another one. */
    private static Value withQuant(NodeContext c, Value x, Quant q) {
        if (q.equals(x.type().quant())) return x;
        if (x.isConstant()) return c.constant(x.constant().reinterpret(x.type().withQuant(q)));
        if (x.type().quant() != null) return null;
        x.setType(x.type().withQuant(q)); // a graph input or a QuantizeLinear result: the quantization is metadata
        return x;
    }

    static Value dequantizeValue(NodeContext c, Value x, Value scale, Value zeroPoint, int axis) {
        int rank = x.type().rank();
        Attrs.Binary none = new Attrs.Binary(Activation.NONE);
        TensorType ft = new TensorType(ElementType.FLOAT32, x.type().shape());
        Value xf = toFloat(c, x);
        if (zeroPoint != null) xf = c.emit(OpKind.SUB, none, ft, xf, perAxis(c, toFloat(c, zeroPoint), axis, rank));
        return c.emit(OpKind.MUL, none, ft, xf, perAxis(c, scale, axis, rank));
    }

    private static void quantize(NodeContext c) {
        checkNotBlocked(c);
        int rank = c.shape(0).length;
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), Math.max(rank, 1));
        int onnxType = c.has(2) ? zeroPointOnnxType(c) : (int) c.attrInt("output_dtype", OnnxProto.UINT8);
        if (onnxType == 0) onnxType = OnnxProto.UINT8;
        boolean nhwc = c.isNhwc(0) && rank == 4;
        Value x = nhwc ? c.inNhwc(0) : c.in(0);
        int a = nhwc ? nhwcAxis(axis) : axis;
        Value y = quantizeValue(c, x, c.in(1), c.has(2) ? c.in(2) : null, a, onnxType);
        if (nhwc) c.outNhwc(y); else c.out(y);
    }

    private static int zeroPointOnnxType(NodeContext c) {
        // the zero point's ONNX type decides the output type; uint16 is held as int32 in the IR
        ElementType et = c.elementType(2);
        return switch (et) {
            case INT8 -> OnnxProto.INT8;
            case UINT8 -> OnnxProto.UINT8;
            case INT16 -> OnnxProto.INT16;
            case INT32 -> OnnxProto.UINT16;
            default -> throw c.unsupported("quantizing to " + et);
        };
    }

    static Value quantizeValue(NodeContext c, Value x, Value scale, Value zeroPoint, int axis, int onnxType) {
        int rank = x.type().rank();
        Attrs.Binary none = new Attrs.Binary(Activation.NONE);
        TensorType ft = new TensorType(ElementType.FLOAT32, x.type().shape());
        Value y = c.emit(OpKind.DIV, none, ft, x, perAxis(c, scale, axis, rank));
        y = c.emit(OpKind.ROUND, Attrs.None.INSTANCE, ft, y);
        if (zeroPoint != null) y = c.emit(OpKind.ADD, none, ft, y, perAxis(c, toFloat(c, zeroPoint), axis, rank));
        double lo, hi;
        switch (onnxType) {
            case OnnxProto.INT8 -> { lo = -128; hi = 127; }
            case OnnxProto.UINT8 -> { lo = 0; hi = 255; }
            case OnnxProto.INT16 -> { lo = -32768; hi = 32767; }
            case OnnxProto.UINT16 -> { lo = 0; hi = 65535; }
            default -> throw c.unsupported("quantizing to " + OnnxProto.dataTypeName(onnxType));
        }
        y = c.emit(OpKind.MAXIMUM, Attrs.None.INSTANCE, ft, y, c.scalar((float) lo));
        y = c.emit(OpKind.MINIMUM, Attrs.None.INSTANCE, ft, y, c.scalar((float) hi));
        ElementType et = OnnxTensors.elementType(onnxType, c.where());
        TensorType qt = new TensorType(et, x.type().shape());
        // the result carries its quantization (per-tensor int8 / uint8 with constant parameters): the mark
        // by which dev.tinyforge.passes.qdq recognizes this chain
        Tensor s = scale.isConstant() ? scale.constant() : null, z = zeroPoint == null ? null : zeroPoint.isConstant() ? zeroPoint.constant() : null;
        if ((et == ElementType.INT8 || et == ElementType.UINT8) && s != null && s.size() == 1 && (zeroPoint == null || z != null)) {
            Quant q = quant(s, z, 0);
            if (q != null) qt = qt.withQuant(q);
        }
        return c.emit(OpKind.CAST, Attrs.None.INSTANCE, qt, y);
    }
}
