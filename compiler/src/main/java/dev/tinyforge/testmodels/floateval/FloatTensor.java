package dev.tinyforge.testmodels.floateval;

import java.util.Arrays;

/** Real-valued tensor data with its shape (row-major, NHWC for images), as the float evaluator passes it. */
public record FloatTensor(int[] shape, float[] data) {

    public FloatTensor {
        if (Shapes.count(shape) != data.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " elements");
    }

    public static FloatTensor zeros(int... shape) { return new FloatTensor(shape, new float[Shapes.count(shape)]); }

    public int dim(int i) { return shape[i]; }

    public int rank() { return shape.length; }

    public int size() { return data.length; }
}
