/* QUANTIZE float32 -> int8, TFLM AffineQuantize: round(x / scale) + zero_point, clamped. The
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

/* M-profile FPUs with VCVTA (float -> int32, round to nearest with ties away from zero, saturating, NaN -> 0):
 * FPv5 with double precision (Cortex-M7) and every Armv8-M FPU (M33, M55). */
#if defined(__ARM_FP) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M' && (__ARM_ARCH >= 8 || (__ARM_FP & 8)) \
    && defined(__ARM_FEATURE_SAT)
#define TF_QUANTIZE_VCVTA 1
#include <arm_acle.h>
static inline int32_t round_half_away_vcvta(float q)
{
    int32_t r;
    float t;
    __asm__("vcvta.s32.f32 %1, %2\n\tvmov %0, %1" : "=r"(r), "=&t"(t) : "t"(q));
    return r;
}
#endif

void tf_quantize_f32_s8(const tf_affine_params *params, int32_t size, const float *in, int8_t *out)
{
    int32_t i;
#if defined(TF_QUANTIZE_VCVTA)
    /* The same division and rounding in one instruction; a saturated or NaN (0) conversion ends at the same
     * int8 as the clamp below: anything beyond +-2^23 saturates, NaN gives the zero point. */
    {
        const float scale = params->scale;
        const int32_t zp = params->zero_point;
        for (i = 0; i < size; ++i) {
            /* [-2^23, 2^23 - 1]: + zp stays in range and still saturates like the clamped value */
            const int32_t v = __ssat(round_half_away_vcvta(in[i] / scale), 24);
            out[i] = (int8_t)__ssat(v + zp, 8);
        }
        return;
    }
#endif
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
        out[i] = tf_sat_s8(v, TF_INT8_MIN, TF_INT8_MAX);
    }
}
