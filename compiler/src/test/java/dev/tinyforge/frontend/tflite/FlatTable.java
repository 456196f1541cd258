package dev.tinyforge.frontend.tflite;

import com.google.flatbuffers.Table;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads raw flatbuffer tables by field id (vtable slot 4 + 2*id) with flatbuffers' own Table
 * accessors, so tests can decode the writer's output independently of {@link TfliteReader}.
 */
final class FlatTable extends Table {

    FlatTable(int position, ByteBuffer bb) { __reset(position, bb); }

    static FlatTable root(byte[] bytes) {
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(bb.getInt(0), bb);
    }

    static String fileIdentifier(byte[] bytes) { return new String(bytes, 4, 4, java.nio.charset.StandardCharsets.US_ASCII); }

    private int slot(int field) { return __offset(4 + 2 * field); }

    boolean has(int field) { return slot(field) != 0; }

    int int32(int field, int def) { int o = slot(field); return o == 0 ? def : bb.getInt(bb_pos + o); }

    int uint8(int field, int def) { int o = slot(field); return o == 0 ? def : bb.get(bb_pos + o) & 0xFF; }

    int int8(int field, int def) { int o = slot(field); return o == 0 ? def : bb.get(bb_pos + o); }

    float float32(int field, float def) { int o = slot(field); return o == 0 ? def : bb.getFloat(bb_pos + o); }

    String string(int field) { int o = slot(field); return o == 0 ? null : __string(bb_pos + o); }

    FlatTable table(int field) {
        int o = slot(field);
        return o == 0 ? null : new FlatTable(__indirect(bb_pos + o), bb);
    }

    int length(int field) { int o = slot(field); return o == 0 ? 0 : __vector_len(o); }

    /** Element i of a vector of tables. */
    FlatTable table(int field, int i) {
        int o = slot(field);
        return new FlatTable(__indirect(__vector(o) + 4 * i), bb);
    }

    int[] ints(int field) {
        int n = length(field);
        int[] r = new int[n];
        if (n > 0) { int start = __vector(slot(field)); for (int i = 0; i < n; i++) r[i] = bb.getInt(start + 4 * i); }
        return r;
    }

    long[] longs(int field) {
        int n = length(field);
        long[] r = new long[n];
        if (n > 0) { int start = __vector(slot(field)); for (int i = 0; i < n; i++) r[i] = bb.getLong(start + 8 * i); }
        return r;
    }

    float[] floats(int field) {
        int n = length(field);
        float[] r = new float[n];
        if (n > 0) { int start = __vector(slot(field)); for (int i = 0; i < n; i++) r[i] = bb.getFloat(start + 4 * i); }
        return r;
    }

    byte[] bytes(int field) {
        int n = length(field);
        byte[] r = new byte[n];
        if (n > 0) { int start = __vector(slot(field)); for (int i = 0; i < n; i++) r[i] = bb.get(start + i); }
        return r;
    }

    /** Absolute byte position of a vector's first element (to check alignment). */
    int vectorStart(int field) { return __vector(slot(field)); }
}
