package dev.tinyforge.frontend.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

/**
 * ONNX element types and TensorProto payloads to IR tensors. The IR has no float64 or wide unsigned
 * types, so the frontend maps them to the nearest IR type that holds the values microcontroller models
 * use: double to float32 (MCUs compute in single precision), uint16 to int32, uint32 and uint64 to int64
 * (values above 2^63 would wrap). Every such narrowing is listed here and nowhere else.
 */
public final class OnnxTensors {
    private OnnxTensors() {}

    public static ElementType elementType(int onnxType, String what) {
        return switch (onnxType) {
            case OnnxProto.FLOAT, OnnxProto.DOUBLE -> ElementType.FLOAT32;
            case OnnxProto.UINT8 -> ElementType.UINT8;
            case OnnxProto.INT8 -> ElementType.INT8;
            case OnnxProto.INT16 -> ElementType.INT16;
            case OnnxProto.UINT16, OnnxProto.INT32 -> ElementType.INT32;
            case OnnxProto.INT64, OnnxProto.UINT32, OnnxProto.UINT64 -> ElementType.INT64;
            case OnnxProto.BOOL -> ElementType.BOOL;
            default -> throw new CompileException(what + ": ONNX element type " + OnnxProto.dataTypeName(onnxType) + " is not supported");
        };
    }

    public static int[] shape(long[] dims, String what) {
        int[] s = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) throw new CompileException(what + ": bad dimension " + dims[i]);
            s[i] = (int) dims[i];
        }
        return s;
    }

    /** Decodes a TensorProto (raw_data or the typed repeated field) into an IR tensor. */
    public static Tensor toTensor(OnnxProto.TensorData t) {
        String what = "tensor '" + t.name() + "'";
        if (t.external()) throw new CompileException(what + " keeps its data in an external file, which tinyforge does not read");
        ElementType et = elementType(t.dataType(), what);
        TensorType type = new TensorType(et, shape(t.dims(), what));
        int n = Math.toIntExact(type.elementCount());
        Tensor out = Tensor.zeros(type);
        if (t.raw() != null) {
            ByteBuffer b = ByteBuffer.wrap(t.raw()).order(ByteOrder.LITTLE_ENDIAN);
            int size = rawSize(t.dataType());
            if (t.raw().length != (long) n * size)
                throw new CompileException(what + ": raw_data holds " + t.raw().length + " bytes, expected " + (long) n * size);
            for (int i = 0; i < n; i++) {
                switch (t.dataType()) {
                    case OnnxProto.FLOAT -> out.float32()[i] = b.getFloat();
                    case OnnxProto.DOUBLE -> out.float32()[i] = (float) b.getDouble();
                    case OnnxProto.UINT8, OnnxProto.INT8, OnnxProto.BOOL -> out.int8()[i] = b.get();
                    case OnnxProto.INT16 -> out.int16()[i] = b.getShort();
                    case OnnxProto.UINT16 -> out.int32()[i] = b.getShort() & 0xFFFF;
                    case OnnxProto.INT32 -> out.int32()[i] = b.getInt();
                    case OnnxProto.UINT32 -> out.int64()[i] = b.getInt() & 0xFFFFFFFFL;
                    case OnnxProto.INT64, OnnxProto.UINT64 -> out.int64()[i] = b.getLong();
                    default -> throw new IllegalStateException();
                }
            }
            return out;
        }
        int have = switch (t.dataType()) {
            case OnnxProto.FLOAT -> t.floatData().length;
            case OnnxProto.DOUBLE -> t.doubleData().length;
            default -> t.intData().length;
        };
        if (have != n) throw new CompileException(what + " holds " + have + " values, its shape needs " + n);
        for (int i = 0; i < n; i++) {
            switch (t.dataType()) {
                case OnnxProto.FLOAT -> out.float32()[i] = t.floatData()[i];
                case OnnxProto.DOUBLE -> out.float32()[i] = (float) t.doubleData()[i];
                case OnnxProto.UINT16 -> out.int32()[i] = (int) (t.intData()[i] & 0xFFFF);
                case OnnxProto.UINT32 -> out.int64()[i] = t.intData()[i] & 0xFFFFFFFFL;
                default -> out.setLong(i, t.intData()[i]); // int32_data carries (u)int8/16, bool, int32
            }
        }
        return out;
    }

    private static int rawSize(int dataType) {
        return switch (dataType) {
            case OnnxProto.FLOAT, OnnxProto.INT32, OnnxProto.UINT32 -> 4;
            case OnnxProto.DOUBLE, OnnxProto.INT64, OnnxProto.UINT64 -> 8;
            case OnnxProto.INT16, OnnxProto.UINT16 -> 2;
            default -> 1;
        };
    }
}
