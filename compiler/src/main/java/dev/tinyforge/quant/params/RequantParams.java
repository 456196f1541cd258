package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.QuantizedMultiplier;
import dev.tinyforge.quant.Rounding;

/**
 * Prepared parameters of a one-input requantizing op, mirroring {@code tf_requant_params}:
 * out = clamp(output_offset + MultiplyByQuantizedMultiplier(in + input_offset, multiplier, shift)).
 * <ul>
 * <li>QUANTIZE between integer types (TFLM Requantize): multiplier from in_scale / out_scale in double,
 *     clamp = the output type's range.</li>
 * <li>RELU and RELU_N1_TO_1 on int8/int16 (TFLM CalculateReluOpData): the same multiplier, clamp =
 *     type range intersected with roundf(0 / out_scale) + zp (and roundf(+-1 / out_scale) + zp).
 *     Note TFLM's ReluOpData stores input_offset as +zero_point and subtracts it; here, as in the C
 *     header, offsets are always added, so inputOffset = -input_zero_point.</li>
 * </ul>
 * RELU6 on int8 does not requantize in TFLM (it clamps raw values to [zp_in, quantize(6)]); see
 * {@link #relu6Bounds}.
 */
public record RequantParams(int inputOffset, int outputOffset, int multiplier, int shift,
                            int activationMin, int activationMax) {

    public static RequantParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        ElementType outType = node.output().type().elementType();
        QuantizedMultiplier m = QuantizedMultiplier.of((double) in.scale() / (double) out.scale());
        ActivationRange range = switch (node.kind()) {
            case QUANTIZE -> ActivationRange.ofType(outType);
            case RELU -> reluRange(0f, Float.POSITIVE_INFINITY, out, outType);
            case RELU_N1_TO_1 -> reluRange(-1f, 1f, out, outType);
            default -> throw new CompileException(node + ": RequantParams does not apply to " + node.kind());
        };
        return new RequantParams(-in.zeroPoint(), out.zeroPoint(), m.multiplier(), m.shift(), range.min(), range.max());
    }

    private static ActivationRange reluRange(float lo, float hi, Quant out, ElementType t) {
        int min = Math.max(ActivationRange.typeMin(t), out.zeroPoint() + (int) Rounding.round(lo / out.scale()));
        int max = hi == Float.POSITIVE_INFINITY ? ActivationRange.typeMax(t)
                : Math.min(ActivationRange.typeMax(t), out.zeroPoint() + (int) Rounding.round(hi / out.scale()));
        return new ActivationRange(min, max);
    }

    /**
     * TFLM's int8 RELU6 bounds: [input zero point, FloatToQuantizedType(6, input scale, input zp)], on raw
     * input values (no requantization).
     */
    public static ActivationRange relu6Bounds(Node node) {
        if (node.kind() != OpKind.RELU6) throw new CompileException(node + ": relu6Bounds needs RELU6");
        Quant in = NodeQuant.input(node, 0);
        ElementType t = node.input(0).type().elementType();
        int six = in.zeroPoint() + (int) Rounding.round(6f / in.scale());
        six = Math.max(ActivationRange.typeMin(t), Math.min(ActivationRange.typeMax(t), six));
        return new ActivationRange(in.zeroPoint(), six);
    }
}
