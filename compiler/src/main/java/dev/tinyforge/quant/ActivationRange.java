package dev.tinyforge.quant;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Quant;

/** A clamp range in the output's storage domain: a fused activation folded with the type's range. */
public record ActivationRange(int min, int max) {

    /**
     * TFLite CalculateActivationRangeQuantized: the activation's real bounds quantized with the output's
     * scale and zero point (float division, roundf), intersected with the type's range.
     */
    public static ActivationRange of(Activation activation, Quant outQuant, ElementType type) {
        int qmin = typeMin(type), qmax = typeMax(type);
        Activation a = activation == null ? Activation.NONE : activation;
        return switch (a) {
            case RELU -> new ActivationRange(Math.max(qmin, quantize(0f, outQuant)), qmax);
            case RELU6 -> new ActivationRange(Math.max(qmin, quantize(0f, outQuant)), Math.min(qmax, quantize(6f, outQuant)));
            case RELU_N1_TO_1 -> new ActivationRange(Math.max(qmin, quantize(-1f, outQuant)), Math.min(qmax, quantize(1f, outQuant)));
            default -> new ActivationRange(qmin, qmax);
        };
    }

    /** The full range of a storage type. */
    public static ActivationRange ofType(ElementType type) {
        return new ActivationRange(typeMin(type), typeMax(type));
    }

    /** zero_point + (int32) roundf(f / scale), all in float as TFLite's kernel_util Quantize. */
    static int quantize(float f, Quant q) {
        if (q == null) throw new CompileException("a quantized activation needs output quantization");
        float tmp = Rounding.round(f / q.scale());
        return q.zeroPoint() + (int) tmp;
    }

    public static int typeMin(ElementType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case UINT8 -> 0;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> throw new CompileException("no integer range for " + t);
        };
    }

    public static int typeMax(ElementType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> throw new CompileException("no integer range for " + t);
        };
    }

    public int clamp(int v) {
        return v < min ? min : Math.min(v, max);
    }
}
