package dev.tinyforge.backend.c;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Tensor;

/** C spellings of types and values. */
public final class CLiterals {
    private CLiterals() {}

    public static String ctype(ElementType t) {
        return switch (t) {
            case INT8 -> "int8_t";
            case UINT8, BOOL -> "uint8_t";
            case INT16 -> "int16_t";
            case INT32 -> "int32_t";
            case INT64 -> "int64_t";
            case FLOAT32 -> "float";
        };
    }

    public static String floatLiteral(float f) {
        if (Float.isNaN(f)) return "(0.0f/0.0f)";
        if (Float.isInfinite(f)) return f > 0 ? "(1.0f/0.0f)" : "(-1.0f/0.0f)";
        // Hex float literals are exact: the C value is bit-identical to the Java float.
        return Float.toHexString(f) + "f";
    }

    public static String intLiteral(long v) {
        if (v == Integer.MIN_VALUE) return "(-2147483647 - 1)";
        if (v == Long.MIN_VALUE) return "INT64_MIN";
        return Long.toString(v);
    }

    /** "{1, 2, 3}", wrapped eight values to a line when long. */
    public static String array(int... values) {
        boolean wrap = values.length > 12;
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(wrap && i % 8 == 0 ? ",\n    " : ", ");
            else if (wrap) b.append("\n    ");
            b.append(intLiteral(values[i]));
        }
        return b.append(wrap ? "\n}" : "}").toString();
    }

    /** The elements of a constant tensor as a wrapped C initializer list (without braces). */
    public static String elements(Tensor t, int perLine) {
        StringBuilder b = new StringBuilder();
        int n = t.size();
        boolean isFloat = t.type().elementType() == ElementType.FLOAT32;
        for (int i = 0; i < n; i++) {
            if (i % perLine == 0) b.append(i == 0 ? "  " : "\n  ");
            b.append(isFloat ? floatLiteral(t.float32()[i]) : intLiteral(t.getLong(i)));
            if (i + 1 < n) b.append(i % perLine == perLine - 1 ? "," : ", ");
        }
        return b.toString();
    }
}
