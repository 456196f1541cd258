package dev.tinyforge.frontend.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked view of one flatbuffer table. Every offset read from the file is checked against
 * the buffer before it is followed, and every vector length against the bytes that remain, so a corrupt
 * or truncated file fails with {@link CorruptModelException} instead of a stray exception, a huge
 * allocation or a hang.
 */
final class FlatBufferView {
    private final ByteBuffer bb;
    private final int pos;
    private final int vtable;
    private final int vtableSize;

    private FlatBufferView(ByteBuffer bb, int pos) {
        this.bb = bb;
        this.pos = pos;
        check(pos, 4, "table");
        long vt = (long) pos - bb.getInt(pos);
        if (vt < 0 || vt > bb.limit() - 4) throw new CorruptModelException("vtable offset out of range at byte " + pos);
        this.vtable = (int) vt;
        this.vtableSize = Short.toUnsignedInt(bb.getShort(vtable));
        if (vtableSize < 4 || (vtableSize & 1) != 0) throw new CorruptModelException("bad vtable size at byte " + vtable);
        check(vtable, vtableSize, "vtable");
    }

    /** The root table of a buffer (little-endian, offset at byte 0). */
    static FlatBufferView root(byte[] data) {
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 8) throw new CorruptModelException("file is only " + data.length + " bytes");
        return new FlatBufferView(bb, indirect(bb, 0));
    }

    private static int indirect(ByteBuffer bb, int at) {
        if (at < 0 || at > bb.limit() - 4) throw new CorruptModelException("offset out of range at byte " + at);
        long target = (long) at + Integer.toUnsignedLong(bb.getInt(at));
        if (target > bb.limit() - 4) throw new CorruptModelException("offset at byte " + at + " points past the end of the file");
        return (int) target;
    }

    private void check(long at, long len, String what) {
        if (at < 0 || len < 0 || at + len > bb.limit())
            throw new CorruptModelException(what + " at byte " + at + " (" + len + " bytes) runs past the end of the file ("
                    + bb.limit() + " bytes)");
    }

    /** Absolute position of field {@code id}, or 0 when absent. */
    private int field(int id) {
        int slot = 4 + 2 * id;
        if (slot >= vtableSize) return 0;
        int rel = Short.toUnsignedInt(bb.getShort(vtable + slot));
        if (rel == 0) return 0;
        return pos + rel;
    }

    boolean has(int id) { return field(id) != 0; }

    int getInt(int id, int dflt) {
        int f = field(id);
        if (f == 0) return dflt;
        check(f, 4, "int field");
        return bb.getInt(f);
    }

    long getLong(int id, long dflt) {
        int f = field(id);
        if (f == 0) return dflt;
        check(f, 8, "long field");
        return bb.getLong(f);
    }

    int getByte(int id, int dflt) {
        int f = field(id);
        if (f == 0) return dflt;
        check(f, 1, "byte field");
        return bb.get(f);
    }

    int getUByte(int id, int dflt) { return getByte(id, dflt) & 0xFF; }

    boolean getBool(int id, boolean dflt) { return has(id) ? getByte(id, 0) != 0 : dflt; }

    float getFloat(int id, float dflt) {
        int f = field(id);
        if (f == 0) return dflt;
        check(f, 4, "float field");
        return bb.getFloat(f);
    }

    FlatBufferView getTable(int id) {
        int f = field(id);
        return f == 0 ? null : new FlatBufferView(bb, indirect(bb, f));
    }

    String getString(int id) {
        int start = vectorStart(id, 1);
        if (start < 0) return null;
        int len = bb.getInt(start - 4);
        byte[] b = new byte[len];
        bb.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Start of a vector's elements (after its length), or -1 when absent; validates the length. */
    private int vectorStart(int id, int elemSize) {
        int f = field(id);
        if (f == 0) return -1;
        int v = indirect(bb, f);
        long len = Integer.toUnsignedLong(bb.getInt(v));
        check(v + 4L, len * elemSize, "vector");
        return v + 4;
    }

    int vectorLength(int id) {
        int f = field(id);
        if (f == 0) return 0;
        int v = indirect(bb, f);
        return bb.getInt(v);
    }

    int[] getIntVector(int id) {
        int s = vectorStart(id, 4);
        if (s < 0) return null;
        int[] r = new int[bb.getInt(s - 4)];
        for (int i = 0; i < r.length; i++) r[i] = bb.getInt(s + 4 * i);
        return r;
    }

    long[] getLongVector(int id) {
        int s = vectorStart(id, 8);
        if (s < 0) return null;
        long[] r = new long[bb.getInt(s - 4)];
        for (int i = 0; i < r.length; i++) r[i] = bb.getLong(s + 8 * i);
        return r;
    }

    float[] getFloatVector(int id) {
        int s = vectorStart(id, 4);
        if (s < 0) return null;
        float[] r = new float[bb.getInt(s - 4)];
        for (int i = 0; i < r.length; i++) r[i] = bb.getFloat(s + 4 * i);
        return r;
    }

    byte[] getByteVector(int id) {
        int s = vectorStart(id, 1);
        if (s < 0) return null;
        byte[] r = new byte[bb.getInt(s - 4)];
        bb.get(s, r);
        return r;
    }

    /** Bytes [offset, offset+size) of the whole file (for buffers stored outside the flatbuffer). */
    byte[] fileSlice(long offset, long size) {
        check(offset, size, "buffer data");
        byte[] r = new byte[(int) size];
        bb.get((int) offset, r);
        return r;
    }

    int tableVectorLength(int id) {
        int s = vectorStart(id, 4);
        return s < 0 ? 0 : bb.getInt(s - 4);
    }

    FlatBufferView getTableAt(int id, int index) {
        int s = vectorStart(id, 4);
        if (s < 0 || index < 0 || index >= bb.getInt(s - 4)) throw new CorruptModelException("table index " + index + " out of range");
        return new FlatBufferView(bb, indirect(bb, s + 4 * index));
    }
}
