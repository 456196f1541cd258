package dev.tinyforge.ir;

/** Element types of IR tensors, with their byte size and the short name used by the textual IR. */
public enum ElementType {
    INT8(1, "i8"),
    UINT8(1, "u8"),
    INT16(2, "i16"),
    INT32(4, "i32"),
    INT64(8, "i64"),
    FLOAT32(4, "f32"),
    BOOL(1, "bool");

    private final int byteSize;
    private final String shortName;

    ElementType(int byteSize, String shortName) {
        this.byteSize = byteSize;
        this.shortName = shortName;
    }

    public int byteSize() { return byteSize; }

    public String shortName() { return shortName; }

    public boolean isFloat() { return this == FLOAT32; }

    /** True for the integer types that carry quantized real numbers (int8, uint8, int16). */
    public boolean isQuantizable() { return this == INT8 || this == UINT8 || this == INT16; }

    public static ElementType fromShortName(String s) {
        for (ElementType t : values()) if (t.shortName.equals(s)) return t;
        throw new IllegalArgumentException("unknown element type '" + s + "'");
    }
}
