/* QUANTIZE float32 -> int8 for Helium (MVE-F), same results as tf_quantize_f32_s8 (TFLM AffineQuantize):
 * q = x / scale as a float division (MVE has no vector divide, so the four lanes are divided one by one
 * in their S registers, the very scalar VDIV the portable kernel runs), then VCVTA: float to int32 rounded
 * to nearest with ties away from zero (roundf), saturating at the int32 range, NaN to 0; then the zero
 * point added with saturation and the int8 clamp. Saturating early gives the same int8 as the portable
 * kernel's clamp of q to +-2^23, and NaN gives the zero point in both. Four values per step in order, the
 * last 1 to 3 in a predicated step. Portable C where MVE-F (__ARM_FEATURE_MVE bit 2) is absent. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)
#include <arm_mve.h>

/* Values [i, i + 4) (lanes outside p neither read nor written; whole: p is all lanes, a constant). */
static inline __attribute__((always_inline)) void quantize4(const float *in, int8_t *out, float scale, int32_t zero_point,
                                                            mve_pred16_t p, const int whole)
{
    /* q0 overlays s0..s3: the four lanes are divided in place, with no moves between register files */
    register float32x4_t x __asm__("q0") = whole ? vldrwq_f32(in) : vldrwq_z_f32(in, p);
    int32x4_t v;
    __asm__("vdiv.f32 s0, s0, %1\n\tvdiv.f32 s1, s1, %1\n\tvdiv.f32 s2, s2, %1\n\tvdiv.f32 s3, s3, %1"
            : "+w"(x)
            : "t"(scale));
    v = vqaddq_n_s32(vcvtaq_s32_f32(x), zero_point);
    v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(TF_INT8_MIN)), vdupq_n_s32(TF_INT8_MAX));
    if (whole) {
        vstrbq_s32(out, v);
    } else {
        vstrbq_p_s32(out, v, p);
    }
}
#endif

void tf_quantize_f32_s8_mve(const tf_affine_params *params, int32_t size, const float *in, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)
    const float scale = params->scale;
    const int32_t zero_point = params->zero_point;
    int32_t i;
    for (i = 0; i + 4 <= size; i += 4) {
        quantize4(in + i, out + i, scale, zero_point, 0xFFFF, 1);
    }
    if (i < size) {
        quantize4(in + i, out + i, scale, zero_point, vctp32q((uint32_t)(size - i)), 0);
    }
#else
    tf_quantize_f32_s8(params, size, in, out);
#endif
}
