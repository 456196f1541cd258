package dev.tinyforge.backend.c.emitters;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.interp.ops.ResizeNdTaps;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * RESIZE_ND on float32 (ONNX Resize): the per-axis neighbours and weights are computed here, by the same
 * {@link ResizeNdTaps} the interpreter uses, and stored as tables; the kernel only gathers and weighs.
 */
public final class ResizeNdEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), out = n.output();
        if (!Structs.isFloat(in) || !Structs.isFloat(out)) throw Structs.unsupportedType(n, in);
        Attrs.ResizeNd a = n.attrs(Attrs.ResizeNd.class);
        int[] is = in.type().shape(), os = out.type().shape();
        int rank = is.length;
        int[] count = new int[rank], offset = new int[rank], outOffset = new int[rank];
        List<Integer> indices = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            boolean identity = is[d] == os[d] && a.scales()[d] == 1f && a.coordinates() != Attrs.ResizeCoordinates.TF_CROP_AND_RESIZE;
            ResizeNdTaps t = identity ? identityTaps(is[d]) : ResizeNdTaps.of(a, d, rank, is[d], os[d]);
            count[d] = t.count();
            offset[d] = indices.size();
            outOffset[d] = outside.size();
            for (int v : t.indices()) indices.add(v);
            for (double w : t.weights()) weights.add(w);
            for (boolean o : t.outside()) outside.add(o ? 1 : 0);
        }
        String w = ctx.declareArray("double", "weights", weights.size(),
                weights.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}")));
        String o = ctx.declareArray("uint8_t", "outside", outside.size(),
                outside.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}")));
        code.call("tf_resize_nd_f32", Integer.toString(rank), ctx.declareInts("in_shape", is), ctx.declareInts("out_shape", os),
                ctx.declareInts("count", count), ctx.declareInts("offset", offset),
                ctx.declareInts("indices", indices.stream().mapToInt(Integer::intValue).toArray()), w,
                ctx.declareInts("out_offset", outOffset), o, CLiterals.floatLiteral(a.extrapolationValue()), ctx.ptr(in), ctx.ptr(out));
    }

    /** One neighbour of weight 1 per index: an axis the resize leaves alone. */
    private static ResizeNdTaps identityTaps(int len) {
        int[] idx = new int[len];
        double[] w = new double[len];
        for (int i = 0; i < len; i++) { idx[i] = i; w[i] = 1; }
        return new ResizeNdTaps(1, idx, w, new boolean[len]);
    }
}
