package dev.tinyforge.ir.text;

/** Lower-case hex of raw bytes, two digits per byte, the way constant data appears in the textual IR. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    static void append(StringBuilder out, byte[] bytes) {
        out.ensureCapacity(out.length() + bytes.length * 2);
        for (byte b : bytes) out.append(DIGITS[(b >> 4) & 0xF]).append(DIGITS[b & 0xF]);
    }

    /** Decodes {@code length} hex digits of {@code s} from {@code start}. */
    static byte[] decode(CharSequence s, int start, int length) {
        if (length % 2 != 0) throw new IllegalArgumentException("hex data has an odd number of digits (" + length + ")");
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(s.charAt(start + 2 * i), 2 * i);
            int lo = digit(s.charAt(start + 2 * i + 1), 2 * i + 1);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int digit(char c, int offset) {
        int d = Character.digit(c, 16);
        if (d < 0) throw new IllegalArgumentException("'" + c + "' at offset " + offset + " of the data is not a hex digit");
        return d;
    }
}
