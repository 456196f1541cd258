package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.RequantParams;

/**
 * RELU, RELU6 and RELU_N1_TO_1 as ops. Quantized RELU / RELU_N1_TO_1 requantize input to output and
 * clamp (TFLM ReluQuantized); quantized RELU6 clamps raw values to [zp_in, quantize(6)] without
 * requantizing (TFLM Relu6Quantized). Float: plain clamps.
 */
public final class ReluEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        if (input.type().elementType().isFloat()) {
            float lo = node.kind() == OpKind.RELU_N1_TO_1 ? -1f : 0f;
            float hi = node.kind() == OpKind.RELU6 ? 6f : node.kind() == OpKind.RELU_N1_TO_1 ? 1f : Float.MAX_VALUE;
            float[] x = input.float32(), o = out.float32();
            for (int i = 0; i < x.length; i++) o[i] = Math.min(Math.max(x[i], lo), hi);
        } else if (node.kind() == OpKind.RELU6) {
            ActivationRange r = RequantParams.relu6Bounds(node);
            for (int i = 0; i < input.size(); i++) out.setLong(i, r.clamp(input.getInt(i)));
        } else {
            RequantParams p = RequantParams.prepare(node);
            for (int i = 0; i < input.size(); i++) {
                int v = p.outputOffset() + FixedPoint.multiplyByQuantizedMultiplier(input.getInt(i) + p.inputOffset(), p.multiplier(), p.shift());
                out.setLong(i, EvalSupport.clamp(v, p.activationMin(), p.activationMax()));
            }
        }
        return new Tensor[] {out};
    }
}
