package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized LEAKY_RELU (TFLM leaky_relu_common), mirroring
 * {@code tf_leaky_relu_params}: two requantizations, identity (in / out) for inputs at or above the zero
 * point and alpha (in * alpha / out) below it, both float expressions widened to double. Zero points are
 * NOT negated (TFLM's convention: the kernel subtracts the input zero point).
 */
public record LeakyReluParams(int inputZeroPoint, int outputZeroPoint, int outputMultiplierIdentity,
                              int outputShiftIdentity, int outputMultiplierAlpha, int outputShiftAlpha) {

    public static LeakyReluParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        float alpha = node.attrs(Attrs.LeakyRelu.class).alpha();
        QuantizedMultiplier a = QuantizedMultiplier.of((double) (in.scale() * alpha / out.scale()));
        QuantizedMultiplier id = QuantizedMultiplier.of((double) (in.scale() / out.scale()));
        return new LeakyReluParams(in.zeroPoint(), out.zeroPoint(), id.multiplier(), id.shift(), a.multiplier(), a.shift());
    }
}
