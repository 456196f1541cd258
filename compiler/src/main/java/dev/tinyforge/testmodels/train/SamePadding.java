package dev.tinyforge.testmodels.train;

/** TFLite's SAME padding along one dimension: out = ceil(in / stride), the odd pad pixel after. */
final class SamePadding {
    private SamePadding() {}

    static int out(int in, int stride) { return (in + stride - 1) / stride; }

    static int before(int in, int k, int stride) {
        return Math.max(0, (out(in, stride) - 1) * stride + k - in) / 2;
    }
}
