/* QUANTIZE float32 -> int16, TFLM AffineQuantize: round(x / scale) + zero_point, clamped. The
 * division is a float division (not a multiply by 1/scale) and rounding is half away from zero
 * like TfLiteRound/roundf; implemented without libm. */
#include "tf_kernels.h"
#include "tf_quant.h"

/* roundf() for |q| < 2^24 (larger values are clamped by the caller first). */
static int32_t round_half_away(float q)
{
    const int32_t t = (int32_t)q; /* truncation toward zero */
    const float frac = q - (float)t; /* exact for |q| < 2^24 */
    if (frac >= 0.5f) {
        return t + 1;
    }
    if (frac <= -0.5f) {
        return t - 1;
    }
    return t;
}

void tf_quantize_f32_s16(const tf_affine_params *params, int32_t size, const float *in, int16_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        float q = in[i] / params->scale;
        int32_t v;
        /* Anything beyond +-2^23 saturates anyway; keep the conversion defined. */
        if (q > 8388608.0f) {
            q = 8388608.0f;
        } else if (q < -8388608.0f) {
            q = -8388608.0f;
        } else if (q != q) {
            q = 0.0f; /* NaN: TFLM is undefined here; pick zero point */
        }
        v = round_half_away(q) + params->zero_point;
        out[i] = tf_sat_s16(v, TF_INT16_MIN, TF_INT16_MAX);
    }
}
