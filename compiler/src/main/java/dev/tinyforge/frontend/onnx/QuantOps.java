package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * QuantizeLinear / DequantizeLinear (per-tensor and per-axis) written out in float arithmetic exactly as
 * ONNX defines them: y = saturate(round_half_even(x / scale) + zero_point) and x = (q - zero_point) *
 * scale. Blocked quantization is not supported.
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

    private static void dequantize(NodeContext c) {
        checkNotBlocked(c);
        Value x = c.in(0);
        int rank = x.type().rank();
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), Math.max(rank, 1));
        c.out(dequantizeValue(c, x, c.in(1), c.has(2) ? c.in(2) : null, axis));
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
        Value x = c.in(0);
        int rank = x.type().rank();
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 1), Math.max(rank, 1));
        int onnxType = c.has(2) ? zeroPointOnnxType(c) : (int) c.attrInt("output_dtype", OnnxProto.UINT8);
        if (onnxType == 0) onnxType = OnnxProto.UINT8;
        c.out(quantizeValue(c, x, c.in(1), c.has(2) ? c.in(2) : null, axis, onnxType));
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
        return c.emit(OpKind.CAST, Attrs.None.INSTANCE, new TensorType(et, x.type().shape()), y);
    }
}
