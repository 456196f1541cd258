package dev.tinyforge.testmodels.floateval;

/** Float data-movement ops: TRANSPOSE, STRIDED_SLICE, SPLIT, PACK, UNPACK, CONCATENATION, PAD (RESHAPE is a copy). */
final class ShapeKernels {
    private ShapeKernels() {}

    static FloatTensor transpose(FloatTensor x, int[] perm, int[] outShape) {
        int[] inStrides = Shapes.strides(x.shape());
        float[] out = new float[x.size()];
        int[] index = new int[outShape.length];
        for (int i = 0; i < out.length; i++) {
            Shapes.unravel(i, outShape, index);
            int src = 0;
            for (int d = 0; d < index.length; d++) src += index[d] * inStrides[perm[d]];
            out[i] = x.data()[src];
        }
        return new FloatTensor(outShape, out);
    }

    /** Element k along dim d comes from begin[d] + k * strides[d]; sizes are the un-shrunk output dims. */
    static FloatTensor stridedSlice(FloatTensor x, int[] begin, int[] strides, int[] sizes, int[] outShape) {
        int[] inStrides = Shapes.strides(x.shape());
        int n = Shapes.count(sizes);
        float[] out = new float[n];
        int[] index = new int[sizes.length];
        for (int i = 0; i < n; i++) {
            Shapes.unravel(i, sizes, index);
            int src = 0;
            for (int d = 0; d < index.length; d++) src += (begin[d] + index[d] * strides[d]) * inStrides[d];
            out[i] = x.data()[src];
        }
        return new FloatTensor(outShape, out);
    }

    /** The slab of {@code x} from {@code start} to {@code start + size} along {@code axis}. */
    static FloatTensor slab(FloatTensor x, int axis, int start, int size, int[] outShape) {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= x.dim(d);
        for (int d = axis + 1; d < x.rank(); d++) inner *= x.dim(d);
        float[] out = new float[outer * size * inner];
        for (int o = 0; o < outer; o++)
            System.arraycopy(x.data(), (o * x.dim(axis) + start) * inner, out, o * size * inner, size * inner);
        return new FloatTensor(outShape, out);
    }

    /** Joins tensors along {@code axis} of the output; each part's extent there is {@code extents[i]}. */
    static FloatTensor join(FloatTensor[] parts, int[] extents, int axis, int[] outShape) {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= outShape[d];
        for (int d = axis + 1; d < outShape.length; d++) inner *= outShape[d];
        float[] out = new float[Shapes.count(outShape)];
        int offset = 0;
        for (int p = 0; p < parts.length; p++) {
            int chunk = extents[p] * inner;
            for (int o = 0; o < outer; o++)
                System.arraycopy(parts[p].data(), o * chunk, out, o * outShape[axis] * inner + offset * inner, chunk);
            offset += extents[p];
        }
        return new FloatTensor(outShape, out);
    }

    /** {@code pads} is {before, after} per dimension; new positions hold {@code value}. */
    static FloatTensor pad(FloatTensor x, int[] pads, float value, int[] outShape) {
        float[] out = new float[Shapes.count(outShape)];
        java.util.Arrays.fill(out, value);
        int[] outStrides = Shapes.strides(outShape);
        int[] index = new int[x.rank()];
        for (int i = 0; i < x.size(); i++) {
            Shapes.unravel(i, x.shape(), index);
            int dst = 0;
            for (int d = 0; d < index.length; d++) dst += (index[d] + pads[2 * d]) * outStrides[d];
            out[dst] = x.data()[i];
        }
        return new FloatTensor(outShape, out);
    }
}
