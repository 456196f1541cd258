package dev.tinyforge.backend.c.emitters;

import java.util.Arrays;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/** BATCH_MATMUL float32: numpy matmul with broadcast batch dimensions (both operands rank >= 2). */
public final class BatchMatMulEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value a = n.input(0), b = n.input(1), out = n.output();
        if (!Structs.isFloat(a) || !Structs.isFloat(b)) throw Structs.unsupportedType(n, a);
        int[] as = a.type().shape(), bs = b.type().shape(), os = out.type().shape();
        int m = as[as.length - 2], k = as[as.length - 1], cols = bs[bs.length - 1];
        String batch = BroadcastNd.declare(ctx, n, Arrays.copyOf(os, os.length - 2), Arrays.copyOf(as, as.length - 2),
                Arrays.copyOf(bs, bs.length - 2));
        code.call("tf_batch_matmul_f32", batch, Integer.toString(m), Integer.toString(k), Integer.toString(cols),
                ctx.ptr(a), ctx.ptr(b), ctx.ptr(out));
    }
}
