package dev.tinyforge.frontend.tflite;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;

import java.util.Arrays;

/**
 * Writes the IR's normalized slice (begin, strides, sizes) back as TFLite's STRIDED_SLICE: int32 begin,
 * end and strides inputs plus masks. end = begin + size * stride; a negative stride that runs to the
 * first element would need end = -1, which TFLite reads as "last element", so that dimension sets its
 * end_mask bit instead. Dimensions the output type drops become shrink_axis_mask bits.
 */
final class TfliteStridedSliceWriter {
    private final TfliteWriterPlan plan;

    TfliteStridedSliceWriter(TfliteWriterPlan plan) { this.plan = plan; }

    void write(Node n) {
        Attrs.StridedSlice a = n.attrs(Attrs.StridedSlice.class);
        int[] begin = a.begin(), strides = a.strides(), sizes = a.sizes();
        int rank = begin.length;
        int[] end = new int[rank];
        int endMask = 0;
        for (int d = 0; d < rank; d++) {
            end[d] = begin[d] + sizes[d] * strides[d];
            if (end[d] < 0) {
                endMask |= 1 << d;
                end[d] = 0;
            }
        }
        int shrinkMask = shrinkMask(n, sizes, n.output().type().shape());
        int beginT = plan.constInt32(n.name() + "/begin", new int[] {rank}, begin);
        int endT = plan.constInt32(n.name() + "/end", new int[] {rank}, end);
        int stridesT = plan.constInt32(n.name() + "/strides", new int[] {rank}, strides);
        plan.addOperator(TfliteSchema.OP_STRIDED_SLICE, TfliteWriterVersions.of(n),
                new int[] {plan.tensor(n.input(0)), beginT, endT, stridesT}, plan.tensors(n.outputs()),
                TfliteSchema.OPT_STRIDED_SLICE, TfliteOptionsWriter.table()
                        .int32(TfliteSchema.StridedSliceOptions.END_MASK, endMask)
                        .int32(TfliteSchema.StridedSliceOptions.SHRINK_AXIS_MASK, shrinkMask));
    }

    /**
     * Which size-1 dimensions the output drops: the first (lowest dimensions first) choice of
     * rank(in) - rank(out) of them after which the remaining sizes equal the output shape.
     */
    static int shrinkMask(Node n, int[] sizes, int[] outShape) {
        int drop = sizes.length - outShape.length;
        if (drop == 0) {
            if (!Arrays.equals(sizes, outShape)) throw mismatch(n, sizes, outShape);
            return 0;
        }
        int mask = search(sizes, outShape, 0, 0, drop, 0);
        if (mask < 0) throw mismatch(n, sizes, outShape);
        return mask;
    }

    private static int search(int[] sizes, int[] out, int d, int o, int drop, int mask) {
        if (d == sizes.length) return (drop == 0 && o == out.length) ? mask : -1;
        if (drop > 0 && sizes[d] == 1) {
            int r = search(sizes, out, d + 1, o, drop - 1, mask | (1 << d));
            if (r >= 0) return r;
        }
        if (o < out.length && out[o] == sizes[d]) return search(sizes, out, d + 1, o + 1, drop, mask);
        return -1;
    }

    private static CompileException mismatch(Node n, int[] sizes, int[] outShape) {
        return new CompileException(n + ": slice sizes " + Arrays.toString(sizes) + " do not give output shape "
                + Arrays.toString(outShape));
    }
}
