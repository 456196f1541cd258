package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of an int8 SVDF (TFLM PrepareSvdf / OpDataSvdf): effective_scale_1 =
 * input * weights_feature / activation_state and effective_scale_2 = activation_state * weights_time /
 * output, each a float expression widened to double and quantized; zero points as stored (not negated).
 * Inputs: 0 input, 1 weights_feature, 2 weights_time, 3 bias (optional), 4 activation state.
 */
public record SvdfParams(int effectiveScale1A, int effectiveScale1B, int effectiveScale2A, int effectiveScale2B,
                         int inputZeroPoint, int outputZeroPoint, int activationStateZeroPoint) {

    public static SvdfParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), wf = NodeQuant.input(node, 1), wt = NodeQuant.input(node, 2);
        Quant state = NodeQuant.input(node, 4), out = NodeQuant.output(node);
        QuantizedMultiplier s1 = QuantizedMultiplier.of((double) (in.scale() * wf.scale() / state.scale()));
        QuantizedMultiplier s2 = QuantizedMultiplier.of((double) (state.scale() * wt.scale() / out.scale()));
        return new SvdfParams(s1.multiplier(), s1.shift(), s2.multiplier(), s2.shift(),
                in.zeroPoint(), out.zeroPoint(), state.zeroPoint());
    }
}
