package dev.tinyforge.backend.c.emitters;

import java.util.Arrays;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** STRIDED_SLICE, SPLIT and UNPACK: each output is one strided window of the input. */
public final class SliceEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        if (n.input(0).isStreamed()) {
            StreamWindowEmitter.emit(n, ctx, code);
            return;
        }
        int[] in = n.input(0).type().shape();
        int rank = in.length;
        String inShape = ctx.declareInts("in_shape", in);
        switch (n.kind()) {
            case STRIDED_SLICE -> {
                Attrs.StridedSlice a = n.attrs(Attrs.StridedSlice.class);
                slice(n, ctx, code, inShape, "", a.begin(), a.strides(), a.sizes(), n.output());
            }
            case SPLIT -> {
                Attrs.Split a = n.attrs(Attrs.Split.class);
                int start = 0;
                for (int k = 0; k < a.sizes().length; k++) {
                    int[] begin = new int[rank], sizes = in.clone();
                    begin[a.axis()] = start;
                    sizes[a.axis()] = a.sizes()[k];
                    slice(n, ctx, code, inShape, "o" + k + "_", begin, ones(rank), sizes, n.output(k));
                    start += a.sizes()[k];
                }
            }
            case UNPACK -> {
                int axis = n.attrs(Attrs.Axis.class).axis();
                for (int k = 0; k < n.outputs().size(); k++) {
                    int[] begin = new int[rank], sizes = in.clone();
                    begin[axis] = k;
                    sizes[axis] = 1;
                    slice(n, ctx, code, inShape, "o" + k + "_", begin, ones(rank), sizes, n.output(k));
                }
            }
            default -> throw new IllegalArgumentException(n.kind().toString());
        }
    }

    private static void slice(Node n, EmitContext ctx, LayerCode code, String inShape, String role, int[] begin,
                              int[] strides, int[] sizes, Value out) {
        code.call("tf_strided_slice_nd", Integer.toString(begin.length), inShape, ctx.declareInts(role + "begin", begin),
                ctx.declareInts(role + "stride", strides), ctx.declareInts(role + "out_shape", sizes),
                Integer.toString(n.input(0).type().elementType().byteSize()), ctx.bytes(n.input(0)), ctx.bytes(out));
    }

    private static int[] ones(int n) {
        int[] r = new int[n];
        Arrays.fill(r, 1);
        return r;
    }
}
