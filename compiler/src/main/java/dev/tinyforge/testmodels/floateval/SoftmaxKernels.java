package dev.tinyforge.testmodels.floateval;

/** Float SOFTMAX (with beta) and LOG_SOFTMAX over the last dimension. */
final class SoftmaxKernels {
    private SoftmaxKernels() {}

    static FloatTensor softmax(FloatTensor x, double beta, boolean log, int[] outShape) {
        int depth = x.dim(x.rank() - 1), rows = x.size() / depth;
        float[] out = new float[x.size()];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < depth; i++) max = Math.max(max, x.data()[r * depth + i]);
            double sum = 0;
            for (int i = 0; i < depth; i++) sum += StrictMath.exp(beta * (x.data()[r * depth + i] - max));
            for (int i = 0; i < depth; i++) {
                double z = beta * (x.data()[r * depth + i] - max);
                out[r * depth + i] = (float) (log ? z - StrictMath.log(sum) : StrictMath.exp(z) / sum);
            }
        }
        return new FloatTensor(outShape, out);
    }
}
