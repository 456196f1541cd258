/* QUANTIZE float32 -> int8 for Helium (MVE-F), same results as tf_quantize_f32_s8 (TFLM AffineQuantize):
 * q = x / scale as a float division (MVE has no vector divide, so the four lanes are divided one by one
 * in their S registers, the very scalar VDIV the portable kernel runs), then VCVTA: float to int32 rounded
 * to nearest with ties away from zero (roundf), saturating at the int32 range, NaN to 0; then the zero
 * point added with saturation and the int8 clamp. Saturating early gives the same int8 as the portable
 * kernel's clamp of q to +-2^23, and NaN gives the zero point in both. Sixteen values per step in order
 * (quantize16: the clamp as saturating narrowings), then four, the last 1 to 3 in a predicated step. Portable C where MVE-F (__ARM_FEATURE_MVE bit 2) is absent. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_mve_s8.h"

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

/* Values [i, i + 16): four vectors (q0..q3, s0..s15) divided in place, converted, narrowed with saturation to 16 bits
 * (exact: a value outside int16 stays outside int8 after the zero point), the zero point added saturating on 8 lanes,
 * narrowed with saturation to 8 bits (the int8 clamp), and scattered to their places: the narrowings leave value
 * 4k + j (vector k, lane j) in byte lane 4j + k. All 16 read before any is written (in place is fine). */
static inline __attribute__((always_inline)) void quantize16(const float *in, int8_t *out, float scale, int16_t zero_point,
                                                             uint8x16_t order)
{
    register float32x4_t x0 __asm__("q0") = vldrwq_f32(in);
    register float32x4_t x1 __asm__("q1") = vldrwq_f32(in + 4);
    register float32x4_t x2 __asm__("q2") = vldrwq_f32(in + 8);
    register float32x4_t x3 __asm__("q3") = vldrwq_f32(in + 12);
    int32x4_t v0, v1, v2, v3;
    int16x8_t n02, n13;
    __asm__("vdiv.f32 s0, s0, %4\n\tvdiv.f32 s1, s1, %4\n\tvdiv.f32 s2, s2, %4\n\tvdiv.f32 s3, s3, %4\n\t"
            "vdiv.f32 s4, s4, %4\n\tvdiv.f32 s5, s5, %4\n\tvdiv.f32 s6, s6, %4\n\tvdiv.f32 s7, s7, %4\n\t"
            "vdiv.f32 s8, s8, %4\n\tvdiv.f32 s9, s9, %4\n\tvdiv.f32 s10, s10, %4\n\tvdiv.f32 s11, s11, %4\n\t"
            "vdiv.f32 s12, s12, %4\n\tvdiv.f32 s13, s13, %4\n\tvdiv.f32 s14, s14, %4\n\tvdiv.f32 s15, s15, %4"
            : "+w"(x0), "+w"(x1), "+w"(x2), "+w"(x3)
            : "t"(scale));
    v0 = vcvtaq_s32_f32(x0);
    v1 = vcvtaq_s32_f32(x1);
    v2 = vcvtaq_s32_f32(x2);
    v3 = vcvtaq_s32_f32(x3);
    n02 = vqaddq_n_s16(tf_mve_narrow16(v0, v2), zero_point);
    n13 = vqaddq_n_s16(tf_mve_narrow16(v1, v3), zero_point);
    vstrbq_scatter_offset_s8(out, order, tf_mve_narrow8(n02, n13));
}
#endif

void tf_quantize_f32_s8_mve(const tf_affine_params *params, int32_t size, const float *in, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 2)
    const float scale = params->scale;
    const int32_t zero_point = params->zero_point;
    const uint8x16_t order = vaddq_u8(vmulq_n_u8(vandq_u8(vidupq_n_u8(0, 1), vdupq_n_u8(3)), 4),
                                      vshrq_n_u8(vidupq_n_u8(0, 1), 2));
    int32_t i;
    for (i = 0; i + 16 <= size; i += 16) {
        quantize16(in + i, out + i, scale, (int16_t)zero_point, order);
    }
    for (; i + 4 <= size; i += 4) {
        quantize4(in + i, out + i, scale, zero_point, 0xFFFF, 1);
    }
    if (i < size) {
        quantize4(in + i, out + i, scale, zero_point, vctp32q((uint32_t)(size - i)), 0);
    }
#else
    tf_quantize_f32_s8(params, size, in, out);
#endif
}
