package dev.tinyforge.frontend.tflite;

import com.google.flatbuffers.FlatBufferBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Describes one builtin-options table (field id, kind, value) and writes it when the serializer asks.
 * Fields equal to the schema default are omitted, as the TFLite converter does, so the output looks
 * like a converter's and readers must apply the defaults themselves.
 */
final class TfliteOptionsWriter implements ToIntFunction<FlatBufferBuilder> {

    private enum Kind { BYTE, BOOL, INT, FLOAT, INT_VECTOR }

    private record Field(int id, Kind kind, int intValue, float floatValue, int[] vector, int defaultValue) {}

    private final List<Field> fields = new ArrayList<>();

    static TfliteOptionsWriter table() { return new TfliteOptionsWriter(); }

    /** An enum field stored as a byte (padding, fused activation). */
    TfliteOptionsWriter enumByte(int id, int value) {
        fields.add(new Field(id, Kind.BYTE, value, 0, null, 0));
        return this;
    }

    TfliteOptionsWriter bool(int id, boolean value) {
        fields.add(new Field(id, Kind.BOOL, value ? 1 : 0, 0, null, 0));
        return this;
    }

    TfliteOptionsWriter int32(int id, int value) { return int32(id, value, 0); }

    TfliteOptionsWriter int32(int id, int value, int schemaDefault) {
        fields.add(new Field(id, Kind.INT, value, 0, null, schemaDefault));
        return this;
    }

    TfliteOptionsWriter float32(int id, float value) {
        fields.add(new Field(id, Kind.FLOAT, 0, value, null, 0));
        return this;
    }

    TfliteOptionsWriter intVector(int id, int[] values) {
        fields.add(new Field(id, Kind.INT_VECTOR, 0, 0, values.clone(), 0));
        return this;
    }

    @Override public int applyAsInt(FlatBufferBuilder b) {
        // Vectors live outside the table and must be finished before the table starts.
        int[] vectorOffsets = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++)
            if (fields.get(i).kind == Kind.INT_VECTOR) vectorOffsets[i] = TfliteFlatbufferWriter.intVector(b, fields.get(i).vector);
        int slots = 0;
        for (Field f : fields) slots = Math.max(slots, f.id + 1);
        b.startTable(slots);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            switch (f.kind) {
                case BYTE -> b.addByte(f.id, (byte) f.intValue, f.defaultValue);
                case BOOL -> b.addBoolean(f.id, f.intValue != 0, f.defaultValue != 0);
                case INT -> b.addInt(f.id, f.intValue, f.defaultValue);
                case FLOAT -> b.addFloat(f.id, f.floatValue, f.defaultValue);
                case INT_VECTOR -> b.addOffset(f.id, vectorOffsets[i], 0);
            }
        }
        return b.endTable();
    }
}
