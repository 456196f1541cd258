package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;

/**
 * DEQUANTIZE as TFLM's reference: (float) ((double) scale * (q - zero_point)). Per-channel quantization
 * (ONNX DequantizeLinear with an axis, e.g. of conv weights) uses each channel's scale and zero point.
 */
public final class DequantizeEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Quant q = node.input(0).type().quant();
        if (q == null) throw new dev.tinyforge.CompileException(node + ": input 0 %" + node.input(0).name() + " is not quantized");
        int[] shape = input.type().shape();
        int inner = 1, channels = q.isPerChannel() ? shape[q.axis()] : 1;
        if (q.isPerChannel()) for (int d = q.axis() + 1; d < shape.length; d++) inner *= shape[d];
        float[] o = out.float32();
        for (int i = 0; i < o.length; i++) {
            int ch = (i / inner) % channels;
            o[i] = (float) ((double) q.scale(ch) * (input.getInt(i) - q.zeroPoint(ch)));
        }
        return new Tensor[] {out};
    }
}
