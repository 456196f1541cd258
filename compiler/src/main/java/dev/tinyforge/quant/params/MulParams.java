package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized MUL (TFLM CalculateOpDataMul), mirroring {@code tf_mul_params}:
 * the real multiplier is in1 * in2 / out in double.
 */
public record MulParams(int input1Offset, int input2Offset, int outputOffset, int outputMultiplier,
                        int outputShift, int activationMin, int activationMax) {

    public static MulParams prepare(Node node) {
        Quant q1 = NodeQuant.input(node, 0), q2 = NodeQuant.input(node, 1), out = NodeQuant.output(node);
        double real = (double) q1.scale() * (double) q2.scale() / (double) out.scale();
        QuantizedMultiplier m = QuantizedMultiplier.of(real);
        ActivationRange act = ActivationRange.of(node.attrs(Attrs.Binary.class).activation(), out,
                node.output().type().elementType());
        return new MulParams(-q1.zeroPoint(), -q2.zeroPoint(), out.zeroPoint(), m.multiplier(), m.shift(),
                act.min(), act.max());
    }
}
