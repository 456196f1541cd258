package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized ADD or SUB, mirroring {@code tf_add_params}: both inputs are
 * shifted left by {@code leftShift} (20 for int8, 15 for int16), scaled to twice the larger input scale,
 * summed, and rescaled to the output. TFLM's ADD computes the real multipliers in double; its SUB
 * computes them in float and widens the results (sub_common.cc), which can differ in the last bit.
 */
public record AddParams(int leftShift, int input1Offset, int input1Multiplier, int input1Shift,
                        int input2Offset, int input2Multiplier, int input2Shift,
                        int outputOffset, int outputMultiplier, int outputShift,
                        int activationMin, int activationMax) {

    public static AddParams prepare(Node node) {
        if (node.kind() != OpKind.ADD && node.kind() != OpKind.SUB)
            throw new CompileException(node + ": AddParams needs ADD or SUB");
        Quant q1 = NodeQuant.input(node, 0), q2 = NodeQuant.input(node, 1), out = NodeQuant.output(node);
        ElementType outType = node.output().type().elementType();
        int leftShift = outType == ElementType.INT16 ? 15 : 20;
        double real1, real2, realOut;
        if (node.kind() == OpKind.ADD) {
            double twiceMax = 2 * (double) Math.max(q1.scale(), q2.scale());
            real1 = (double) q1.scale() / twiceMax;
            real2 = (double) q2.scale() / twiceMax;
            realOut = twiceMax / ((1 << leftShift) * (double) out.scale());
        } else {
            float twiceMax = 2 * Math.max(q1.scale(), q2.scale());
            real1 = (double) (q1.scale() / twiceMax);
            real2 = (double) (q2.scale() / twiceMax);
            realOut = (double) (twiceMax / ((1 << leftShift) * out.scale()));
        }
        QuantizedMultiplier m1 = QuantizedMultiplier.smallerThanOne(real1);
        QuantizedMultiplier m2 = QuantizedMultiplier.smallerThanOne(real2);
        QuantizedMultiplier mo = QuantizedMultiplier.smallerThanOne(realOut);
        ActivationRange act = ActivationRange.of(node.attrs(Attrs.Binary.class).activation(), out, outType);
        return new AddParams(leftShift, -q1.zeroPoint(), m1.multiplier(), m1.shift(),
                -q2.zeroPoint(), m2.multiplier(), m2.shift(), out.zeroPoint(), mo.multiplier(), mo.shift(),
                act.min(), act.max());
    }
}
