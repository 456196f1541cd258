/* ADD int8, elementwise (same shapes), for Helium (MVE): 4 elements per int32 vector through TFLite's
 * AddFunc (common/tf_binary_s8.h) step by step: (x + offset) << left_shift, then per input and for the
 * sum MultiplyByQuantizedMultiplierSmallerThanOneExp as VQRDMULH and the rounding right shift with the
 * ties-away fix-up proved in common/tf_mve_s8.h, then output offset and clamp. Portable C where
 * __ARM_FEATURE_MVE is absent. Same results as tf_add_s8. Order: elements first to last, 4 at a time
 * (each block read before it is written), so it may run in place. */
#include "tf_kernels.h"
#include "../common/tf_binary_s8.h"
#include "../common/tf_mve_s8.h"

#if defined(__ARM_FEATURE_MVE)
/* tf_mbqm_smaller_than_one on 4 lanes: shift <= 0. */
static inline int32x4_t mbqm_smaller_than_one(int32x4_t x, int32_t multiplier, int32_t shift)
{
    const int32x4_t v = vqrdmulhq_n_s32(x, multiplier);
    const int32x4_t fixed = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, vdupq_n_s32(shift)), 31));
    return vrshlq_n_s32(fixed, shift);
}
#endif

void tf_add_s8_mve(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE)
    const tf_add_params p = *params;
    const int32x4_t lo = vdupq_n_s32(p.activation.min), hi = vdupq_n_s32(p.activation.max);
    int32_t i;
    for (i = 0; i < size; i += 4) {
        const mve_pred16_t lanes = vctp32q((uint32_t)(size - i));
        const int32x4_t v1 = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(in1 + i, lanes), p.input1_offset), p.left_shift);
        const int32x4_t v2 = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(in2 + i, lanes), p.input2_offset), p.left_shift);
        const int32x4_t raw = vaddq_s32(mbqm_smaller_than_one(v1, p.input1_multiplier, p.input1_shift),
                                        mbqm_smaller_than_one(v2, p.input2_multiplier, p.input2_shift));
        int32x4_t o = vaddq_n_s32(mbqm_smaller_than_one(raw, p.output_multiplier, p.output_shift), p.output_offset);
        o = vminq_s32(vmaxq_s32(o, lo), hi);
        vstrbq_p_s32(out + i, o, lanes);
    }
#else
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_add_sub_one_s8(params, in1[i], in2[i], 1);
    }
#endif
}
