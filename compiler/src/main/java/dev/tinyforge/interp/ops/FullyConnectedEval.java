package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.FullyConnectedParams;

/**
 * FULLY_CONNECTED (weights [O, I]) as TFLM's reference kernels: int8 accumulates
 * (w + filter_offset) * (x + input_offset), adds the bias, requantizes (per-tensor or per-row);
 * int16x8 uses int64; float sums in input order then adds the bias.
 */
public final class FullyConnectedEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], weights = in[1], bias = in.length > 2 ? in[2] : null;
        Tensor out = EvalSupport.output(node);
        int depth = weights.type().dim(1), outDepth = weights.type().dim(0);
        int batches = input.size() / depth;
        switch (EvalSupport.type(input)) {
            case INT8 -> int8(batches, depth, outDepth, FullyConnectedParams.prepare(node), input.int8(), weights.int8(),
                    bias == null ? null : bias.int32(), out.int8());
            case INT16 -> {
                FullyConnectedParams p = FullyConnectedParams.prepare(node);
                short[] x = input.int16(), o = out.int16();
                byte[] w = weights.int8();
                long[] bv = bias == null ? null : bias.int64();
                for (int b = 0; b < batches; b++)
                    for (int oc = 0; oc < outDepth; oc++) {
                        long acc = 0;
                        for (int d = 0; d < depth; d++) acc += (long) (w[oc * depth + d] + p.filterOffset()) * x[b * depth + d];
                        if (bv != null) acc += bv[oc];
                        int r = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                        o[b * outDepth + oc] = (short) EvalSupport.clamp(r, p.activationMin(), p.activationMax());
                    }
            }
            case FLOAT32 -> {
                FloatActivationRange act = FloatActivationRange.of(node.attrs(Attrs.FullyConnected.class).activation());
                float[] x = input.float32(), w = weights.float32(), o = out.float32();
                float[] bv = bias == null ? null : bias.float32();
                for (int b = 0; b < batches; b++)
                    for (int oc = 0; oc < outDepth; oc++) {
                        float total = 0f;
                        for (int d = 0; d < depth; d++) total += x[b * depth + d] * w[oc * depth + d];
                        float bias0 = bv == null ? 0f : bv[oc];
                        o[b * outDepth + oc] = act.apply(total + bias0);
                    }
            }
            default -> throw EvalSupport.unsupported(node, input);
        }
        return new Tensor[] {out};
    }

    /** The int8 kernel on raw arrays: x [batches, depth], w [outDepth, depth]; bias may be null. */
    public static void int8(int batches, int depth, int outDepth, FullyConnectedParams p, byte[] x, byte[] w, int[] bv, byte[] o) {
        for (int b = 0; b < batches; b++)
            for (int oc = 0; oc < outDepth; oc++) {
                int acc = 0;
                int xb = b * depth, wb = oc * depth;
                for (int d = 0; d < depth; d++) acc += (w[wb + d] + p.filterOffset()) * (x[xb + d] + p.inputOffset());
                if (bv != null) acc += bv[oc];
                acc = FixedPoint.multiplyByQuantizedMultiplier(acc, p.multiplier(oc), p.shift(oc)) + p.outputOffset();
                o[b * outDepth + oc] = (byte) EvalSupport.clamp(acc, p.activationMin(), p.activationMax());
            }
    }
}
