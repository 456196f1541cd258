package dev.tinyforge.ir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor's data. The backing array is typed by the element type: byte[] for int8, uint8 and bool
 * (uint8 read unsigned through {@link #getInt}), short[] for int16, int[] for int32, long[] for int64,
 * float[] for float32. Raw bytes, as in model files and .bin I/O, are little-endian.
 */
public final class Tensor {
    private final TensorType type;
    private final Object data;

    private Tensor(TensorType type, Object data) {
        this.type = type;
        this.data = data;
    }

    public static Tensor zeros(TensorType type) {
        int n = Math.toIntExact(type.elementCount());
        Object data = switch (type.elementType()) {
            case INT8, UINT8, BOOL -> new byte[n];
            case INT16 -> new short[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
        };
        return new Tensor(type, data);
    }

    /** Wraps an existing array (not copied) whose Java type matches the element type. */
    public static Tensor wrap(TensorType type, Object array) {
        Tensor t = zeros(type.withShape()); // only to validate the array class below
        if (t.data.getClass() != array.getClass())
            throw new IllegalArgumentException("array " + array.getClass().getSimpleName() + " does not hold " + type.elementType());
        int length = java.lang.reflect.Array.getLength(array);
        if (length != type.elementCount())
            throw new IllegalArgumentException("array holds " + length + " elements, type " + type + " needs " + type.elementCount());
        return new Tensor(type, array);
    }

    /** Decodes little-endian raw bytes. */
    public static Tensor fromBytes(TensorType type, byte[] raw) {
        if (raw.length != type.byteSize())
            throw new IllegalArgumentException("expected " + type.byteSize() + " bytes for " + type + ", got " + raw.length);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        Tensor t = zeros(type);
        switch (type.elementType()) {
            case INT8, UINT8, BOOL -> System.arraycopy(raw, 0, t.data, 0, raw.length);
            case INT16 -> b.asShortBuffer().get((short[]) t.data);
            case INT32 -> b.asIntBuffer().get((int[]) t.data);
            case INT64 -> b.asLongBuffer().get((long[]) t.data);
            case FLOAT32 -> b.asFloatBuffer().get((float[]) t.data);
        }
        return t;
    }

    public byte[] toBytes() {
        byte[] raw = new byte[Math.toIntExact(type.byteSize())];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        switch (type.elementType()) {
            case INT8, UINT8, BOOL -> System.arraycopy(data, 0, raw, 0, raw.length);
            case INT16 -> b.asShortBuffer().put((short[]) data);
            case INT32 -> b.asIntBuffer().put((int[]) data);
            case INT64 -> b.asLongBuffer().put((long[]) data);
            case FLOAT32 -> b.asFloatBuffer().put((float[]) data);
        }
        return raw;
    }

    public TensorType type() { return type; }

    public int size() { return Math.toIntExact(type.elementCount()); }

    /** The same data seen with another type of the same element type and element count (reshape). */
    public Tensor reinterpret(TensorType newType) {
        if (newType.elementType() != type.elementType() || newType.elementCount() != type.elementCount())
            throw new IllegalArgumentException("cannot view " + type + " as " + newType);
        return new Tensor(newType, data);
    }

    public byte[] int8() { return (byte[]) data; }
    public short[] int16() { return (short[]) data; }
    public int[] int32() { return (int[]) data; }
    public long[] int64() { return (long[]) data; }
    public float[] float32() { return (float[]) data; }
    public Object array() { return data; }

    /** Element i as an integer (uint8 and bool unsigned); float32 is truncated. */
    public long getLong(int i) {
        return switch (type.elementType()) {
            case INT8 -> ((byte[]) data)[i];
            case UINT8, BOOL -> ((byte[]) data)[i] & 0xFF;
            case INT16 -> ((short[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case FLOAT32 -> (long) ((float[]) data)[i];
        };
    }

    public int getInt(int i) { return (int) getLong(i); }

    public double getDouble(int i) {
        return type.elementType() == ElementType.FLOAT32 ? ((float[]) data)[i] : getLong(i);
    }

    /** Stores v, narrowing to the element type (no saturation: callers clamp first). */
    public void setLong(int i, long v) {
        switch (type.elementType()) {
            case INT8, UINT8, BOOL -> ((byte[]) data)[i] = (byte) v;
            case INT16 -> ((short[]) data)[i] = (short) v;
            case INT32 -> ((int[]) data)[i] = (int) v;
            case INT64 -> ((long[]) data)[i] = v;
            case FLOAT32 -> ((float[]) data)[i] = v;
        }
    }

    public void setDouble(int i, double v) {
        if (type.elementType() == ElementType.FLOAT32) ((float[]) data)[i] = (float) v;
        else setLong(i, (long) v);
    }

    /** The whole tensor as ints (widening), convenient for small constant tensors like axes or shapes. */
    public int[] toIntArray() {
        int[] r = new int[size()];
        for (int i = 0; i < r.length; i++) r[i] = getInt(i);
        return r;
    }

    public Tensor copy() {
        Tensor t = zeros(type);
        System.arraycopy(data, 0, t.data, 0, size());
        return t;
    }

    public boolean contentEquals(Tensor o) {
        return type.elementType() == o.type.elementType() && Arrays.equals(toBytes(), o.toBytes());
    }
}
