package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized PRELU (TFLM prelu_common): identity requantization (in / out) for
 * non-negative inputs, (in * alpha / out) applied to (in + inputOffset) * (alpha + alphaOffset) for
 * negative ones; all in double.
 */
public record PreluParams(int inputOffset, int alphaOffset, int outputOffset,
                          int outputMultiplier1, int outputShift1, int outputMultiplier2, int outputShift2) {

    public static PreluParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), alpha = NodeQuant.input(node, 1), out = NodeQuant.output(node);
        QuantizedMultiplier m1 = QuantizedMultiplier.of((double) in.scale() / (double) out.scale());
        QuantizedMultiplier m2 = QuantizedMultiplier.of((double) in.scale() * (double) alpha.scale() / (double) out.scale());
        return new PreluParams(-in.zeroPoint(), -alpha.zeroPoint(), out.zeroPoint(),
                m1.multiplier(), m1.shift(), m2.multiplier(), m2.shift());
    }
}
