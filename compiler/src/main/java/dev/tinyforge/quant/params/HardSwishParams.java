package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of an int8 HARD_SWISH (TFLM HardSwishPrepare). The input is put on a "hires"
 * scale (in_scale / 128); the output multiplier (hires / out_scale) and the "relu-ish" multiplier
 * (hires / (3 / 32768)) are computed in float, widened to double, quantized, and their significands
 * reduced to int16 (DownScaleInt32ToInt16Multiplier).
 */
public record HardSwishParams(int inputZeroPoint, int outputZeroPoint,
                              short reluishMultiplierFixedpointInt16, int reluishMultiplierExponent,
                              short outputMultiplierFixedpointInt16, int outputMultiplierExponent) {

    public static HardSwishParams prepare(Node node) {
        Quant in = NodeQuant.input(node, 0), out = NodeQuant.output(node);
        float hiresInputScale = (1.0f / 128.0f) * in.scale();
        float reluishScale = 3.0f / 32768.0f;
        QuantizedMultiplier outM = QuantizedMultiplier.of((double) (hiresInputScale / out.scale()));
        QuantizedMultiplier reluM = QuantizedMultiplier.of((double) (hiresInputScale / reluishScale));
        return new HardSwishParams(in.zeroPoint(), out.zeroPoint(),
                downScaleToInt16(reluM.multiplier()), reluM.shift(),
                downScaleToInt16(outM.multiplier()), outM.shift());
    }

    /** TFLite DownScaleInt32ToInt16Multiplier: round the Q31 significand to Q15, saturating. */
    static short downScaleToInt16(int multiplier) {
        final int roundingOffset = 1 << 15;
        if (multiplier >= Integer.MAX_VALUE - roundingOffset) return Short.MAX_VALUE;
        return (short) ((multiplier + roundingOffset) >> 16);
    }
}
