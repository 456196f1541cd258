package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized LEAKY_RELU (TFLM leaky_relu_common): two requantizations,
 * identity (in / out) for non-negative inputs and alpha (in * alpha / out, in float) for negative ones.
 * Offsets follow the C convention (added): inputOffset = -input_zero_point.
 */
public record LeakyReluParams(int inputOffset, int outputOffset, int multiplierAlpha, int shiftAlpha,
                              int multiplierIdentity, int shiftIdentity) {

    public static LeakyReluParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        float alpha = node.attrs(Attrs.LeakyRelu.class).alpha();
        QuantizedMultiplier a = QuantizedMultiplier.of((double) (in.scale() * alpha / out.scale()));
        QuantizedMultiplier id = QuantizedMultiplier.of((double) (in.scale() / out.scale()));
        return new LeakyReluParams(-in.zeroPoint(), out.zeroPoint(), a.multiplier(), a.shift(), id.multiplier(), id.shift());
    }
}
