package dev.tinyforge.testmodels.floateval;

/** Row-major index arithmetic shared by the float kernels. */
final class Shapes {
    private Shapes() {}

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Multi-index of flat position {@code flat} in {@code shape}, written into {@code index}. */
    static void unravel(int flat, int[] shape, int[] index) {
        for (int i = shape.length - 1; i >= 0; i--) {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
    }

    /** Strides of {@code shape} seen from an output of rank {@code rank}: broadcast (size-1 or missing) dims get 0. */
    static int[] broadcastStrides(int[] shape, int[] outShape) {
        int[] own = strides(shape);
        int[] r = new int[outShape.length];
        int offset = outShape.length - shape.length;
        for (int i = 0; i < shape.length; i++) r[i + offset] = shape[i] == 1 ? 0 : own[i];
        return r;
    }
}
