package dev.tinyforge.quant;

/**
 * sigmoid(i / 24) for i = 0..255 in unsigned Q0.16, the table int16 LOGISTIC and TANH interpolate in
 * (TFLite's int16 scheme). Computed here as round(65536 * sigmoid(i / 24)), capped at 65535. TFLite ships
 * a hand-made table that differs from this formula by one unit in 44 entries; we do not copy it, so int16
 * LOGISTIC/TANH agree with TFLM within its own test tolerance rather than bit for bit. The C runtime
 * carries the same values (runtime-c/src/common/sigmoid_table_u16.c); a test checks that the two agree.
 */
public final class SigmoidTable {
    private SigmoidTable() {}

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < TABLE.length; i++)
            TABLE[i] = (int) Math.min(65535, Math.round(65536.0 / (1.0 + Math.exp(-i / 24.0))));
    }

    /** Entry i (0..255). */
    public static int get(int i) { return TABLE[i]; }

    public static int size() { return TABLE.length; }
}
