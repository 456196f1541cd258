package dev.tinyforge.board;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;

/**
 * The deterministic input a firmware project feeds its model when no input file is given: every
 * input's elements from a fixed linear congruential sequence, in the input's own type (floats in
 * [-1, 1], integers over their whole range), concatenated as raw little-endian bytes.
 */
public final class SampleInput {
    private SampleInput() {}

    public static byte[] of(Graph g) {
        long total = g.inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        int state = 20240607;
        for (Value v : g.inputs()) {
            ElementType t = v.type().elementType();
            for (long i = 0; i < v.type().elementCount(); i++) {
                state = state * 1103515245 + 12345;
                int r = state >>> 8; // the low bits of an LCG are weak
                switch (t) {
                    case FLOAT32 -> out.putFloat(((r % 2001) - 1000) / 1000f);
                    case BOOL -> out.put((byte) (r & 1));
                    default -> {
                        for (int k = 0; k < t.byteSize(); k++) {
                            out.put((byte) r);
                            r = (r >>> 8) | ((state & 0xFF) << 16);
                        }
                    }
                }
            }
        }
        return out.array();
    }
}
