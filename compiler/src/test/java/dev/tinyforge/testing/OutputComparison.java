package dev.tinyforge.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Compares raw output bytes: exactly, or as float32 within a tolerance (TFLM's float outputs differ in the last bits across builds). */
public final class OutputComparison {
    private OutputComparison() {}

    /** Relative tolerance for float32 outputs, with an absolute floor for values near zero. */
    public static final float FLOAT_RTOL = 1e-5f, FLOAT_ATOL = 1e-6f;

    /** Null when equal (bit-exact, or within tolerance for float data), otherwise what differs. */
    public static String compare(byte[] expected, byte[] actual, boolean asFloat) {
        if (Arrays.equals(expected, actual)) return null;
        if (expected.length != actual.length) return "length " + actual.length + " != expected " + expected.length;
        if (!asFloat) {
            int first = Arrays.mismatch(expected, actual);
            int count = 0;
            for (int i = 0; i < expected.length; i++) if (expected[i] != actual[i]) count++;
            return count + " of " + expected.length + " bytes differ, first at " + first + " (expected " + expected[first]
                    + ", got " + actual[first] + ")";
        }
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN), a = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < expected.length / 4; i++) {
            float x = e.getFloat(4 * i), y = a.getFloat(4 * i);
            if (Math.abs(x - y) > FLOAT_ATOL + FLOAT_RTOL * Math.abs(x))
                return "float " + i + ": expected " + x + ", got " + y;
        }
        return null;
    }
}
