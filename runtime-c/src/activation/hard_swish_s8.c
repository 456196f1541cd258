/* HARD_SWISH int8, TFLite reference_ops::HardSwish<int8_t>: everything happens on int16
 * fixed-point values, with the two different high-multiply roundings TFLite uses. */
#include "tf_kernels.h"
#include "tf_quant.h"

static int16_t sat16(int32_t x)
{
    return (int16_t)(x > 32767 ? 32767 : (x < -32768 ? -32768 : x));
}

/* gemmlowp SaturatingRoundingDoublingHighMul for int16. */
static int16_t srdhm16(int16_t a, int16_t b)
{
    int32_t ab, nudge;
    if (a == b && a == INT16_MIN) {
        return INT16_MAX;
    }
    ab = (int32_t)a * (int32_t)b;
    nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
    return (int16_t)((ab + nudge) / (1 << 15));
}

/* TFLite SaturatingDoublingHighMul: like srdhm16 but truncating (SQDMULH). */
static int16_t sdhm16(int16_t a, int16_t b)
{
    if (a == b && a == INT16_MIN) {
        return INT16_MAX;
    }
    return (int16_t)(((int32_t)a * (int32_t)b) / (1 << 15));
}

static int16_t sat_shl16(int16_t x, int32_t amount)
{
    return sat16((int32_t)tf_clamp_i32((int32_t)x * (1 << amount), -32768, 32767));
}

void tf_hard_swish_s8(const tf_hard_swish_params *params, int32_t size,
                      const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const int16_t x = (int16_t)((int32_t)in[i] - params->input_zero_point);
        const int16_t x_hires = (int16_t)(x * (1 << 7));
        const int16_t x_preshift_out =
            srdhm16(x_hires, (int16_t)params->output_multiplier_fixedpoint_int16);
        int16_t reluish = x_hires;
        int16_t preshift_out, y;
        if (params->reluish_multiplier_exponent > 0) {
            reluish = sat_shl16(reluish, params->reluish_multiplier_exponent - 1);
        }
        reluish = srdhm16(reluish, (int16_t)params->reluish_multiplier_fixedpoint_int16);
        if (params->reluish_multiplier_exponent > 0) {
            reluish = sat_shl16(reluish, 1);
        }
        if (params->reluish_multiplier_exponent < 0) {
            reluish = (int16_t)tf_rdbpot(reluish, -params->reluish_multiplier_exponent);
        }
        reluish = (int16_t)(((int32_t)reluish + (1 << 15)) >> 1); /* [-1, 1] -> [0, 1] */
        preshift_out = sdhm16(reluish, x_preshift_out);
        y = (int16_t)tf_rdbpot(preshift_out, -params->output_multiplier_exponent);
        y = (int16_t)(uint16_t)((uint16_t)y + (uint16_t)params->output_zero_point);
        out[i] = tf_sat_s8(y, TF_INT8_MIN, TF_INT8_MAX);
    }
}
