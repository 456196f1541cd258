package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.FullyConnectedParams;

/** FULLY_CONNECTED, int8 (per-tensor or per-channel), int16 x int8 with int64 bias (16x8), and float32. */
public final class FullyConnectedEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int outDepth = w.type().dim(0), inDepth = w.type().dim(1);
        String batches = Long.toString(in.type().elementCount() / inDepth);
        if (Structs.isInt8(in) || Structs.isInt16(in)) {
            if (Structs.isInt16(in)) Structs.requireInt64Bias(n, bias);
            FullyConnectedParams p = FullyConnectedParams.prepare(n);
            int[] mult = new int[outDepth], shift = new int[outDepth];
            for (int o = 0; o < outDepth; o++) {
                mult[o] = p.multiplier(o);
                shift[o] = p.shift(o);
            }
            String quant = "&" + ctx.declare("tf_per_channel_quant", "quant",
                    "{" + ctx.declareInts("multiplier", mult) + ", " + ctx.declareInts("shift", shift) + "}");
            String params = "&" + ctx.declare("tf_fc_params", "params", "{" + p.inputOffset() + ", " + p.filterOffset() + ", "
                    + p.outputOffset() + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
            if (MveKernels.fullyConnected(n, ctx, code, p, params, quant, batches)) return;
            if (DspFullyConnected.emit(n, ctx, code, p, params, quant, batches)) return;
            code.call("tf_fully_connected_" + Structs.intSuffix(in), params, quant, batches, Integer.toString(inDepth), ctx.ptr(in),
                    Integer.toString(outDepth), ctx.ptr(w), ctx.ptr(bias), ctx.ptr(out));
        } else if (Structs.isFloat(in)) {
            code.call("tf_fully_connected_f32", Structs.actF32Ref(ctx, n.attrs(Attrs.FullyConnected.class).activation()),
                    batches, Integer.toString(inDepth), ctx.ptr(in), Integer.toString(outDepth), ctx.ptr(w), ctx.ptr(bias),
                    ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }
}
