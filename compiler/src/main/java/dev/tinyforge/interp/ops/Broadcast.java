package dev.tinyforge.interp.ops;

/**
 * Numpy broadcasting as TFLite's Broadcast*Slow kernels do it: shapes are right-aligned, a dimension of
 * 1 repeats. {@link #indexMap} gives, for each output element in row-major order, the input element.
 */
final class Broadcast {
    private Broadcast() {}

    static int[] outputShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, rank - 1 - i), db = dimFromRight(b, rank - 1 - i);
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static int dimFromRight(int[] s, int k) {
        int i = s.length - 1 - k;
        return i >= 0 ? s[i] : 1;
    }

    static int[] indexMap(int[] inShape, int[] outShape) {
        int rank = outShape.length;
        int[] inStrides = new int[rank];
        int acc = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int k = inShape.length - (rank - i);
            int d = k >= 0 ? inShape[k] : 1;
            inStrides[i] = d == 1 ? 0 : acc;
            acc *= d;
        }
        int total = 1;
        for (int d : outShape) total *= d;
        int[] map = new int[total];
        int[] idx = new int[rank];
        int inOff = 0;
        for (int o = 0; o < total; o++) {
            map[o] = inOff;
            for (int i = rank - 1; i >= 0; i--) {
                idx[i]++;
                inOff += inStrides[i];
                if (idx[i] < outShape[i]) break;
                inOff -= inStrides[i] * idx[i];
                idx[i] = 0;
            }
        }
        return map;
    }
}
