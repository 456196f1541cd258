/* ADD int8, elementwise (same shapes), for Helium (MVE): 4 elements per int32 vector through TFLite's
 * AddFunc (common/tf_binary_s8.h) step by step: (x + offset) << left_shift, then per input and for the
 * sum MultiplyByQuantizedMultiplierSmallerThanOneExp as VQRDMULH and the rounding right shift with the
 * ties-away fix-up proved in common/tf_mve_s8.h, then output offset and clamp. Portable C where
 * __ARM_FEATURE_MVE is absent. Same results as tf_add_s8. Order: elements first to last, 4 at a time
 * (each block read before it is written; 8 per loop step, the second 4 read after the first 4 are
 * written, at higher addresses), so it may run in place. */
#include "tf_kernels.h"
#include "../common/tf_binary_s8.h"
#include "../common/tf_mve_s8.h"

#if defined(__ARM_FEATURE_MVE)
/* tf_mbqm_smaller_than_one on 4 lanes: shift <= 0; negative: a constant after inlining where the caller
 * knows the shift is < 0, then the fix-up needs no mask (it is exactly the x < 0 correction). */
static inline __attribute__((always_inline)) int32x4_t mbqm_smaller_than_one(int32x4_t x, int32_t multiplier, int32_t shift,
                                                                            const int negative)
{
    const int32x4_t v = vqrdmulhq_n_s32(x, multiplier);
    const int32x4_t fixed = negative ? vqaddq_s32(v, vshrq_n_s32(v, 31))
                                     : vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, vdupq_n_s32(shift)), 31));
    return vrshlq_n_s32(fixed, shift);
}

/* Elements [i, i + 4) (the lanes of `lanes`; all of them when whole, a constant). */
static inline __attribute__((always_inline)) void add4(const tf_add_params *p, const int8_t *in1, const int8_t *in2,
                                                      int8_t *out, int32x4_t lo, int32x4_t hi, mve_pred16_t lanes,
                                                      const int whole, const int negative)
{
    const int32x4_t x1 = whole ? vldrbq_s32(in1) : vldrbq_z_s32(in1, lanes);
    const int32x4_t x2 = whole ? vldrbq_s32(in2) : vldrbq_z_s32(in2, lanes);
    const int32x4_t v1 = vshlq_r_s32(vaddq_n_s32(x1, p->input1_offset), p->left_shift);
    const int32x4_t v2 = vshlq_r_s32(vaddq_n_s32(x2, p->input2_offset), p->left_shift);
    const int32x4_t raw = vaddq_s32(mbqm_smaller_than_one(v1, p->input1_multiplier, p->input1_shift, negative),
                                    mbqm_smaller_than_one(v2, p->input2_multiplier, p->input2_shift, negative));
    int32x4_t o = vaddq_n_s32(mbqm_smaller_than_one(raw, p->output_multiplier, p->output_shift, negative), p->output_offset);
    o = vminq_s32(vmaxq_s32(o, lo), hi);
    if (whole) vstrbq_s32(out, o); else vstrbq_p_s32(out, o, lanes);
}

/* Every element: 8 per iteration unpredicated, then the last 1 to 7. */
static inline __attribute__((always_inline)) void add_all(const tf_add_params *p, int32_t size, const int8_t *in1,
                                                         const int8_t *in2, int8_t *out, const int negative)
{
    const int32x4_t lo = vdupq_n_s32(p->activation.min), hi = vdupq_n_s32(p->activation.max);
    int32_t i;
    for (i = 0; i + 8 <= size; i += 8) {
        add4(p, in1 + i, in2 + i, out + i, lo, hi, 0xFFFF, 1, negative);
        add4(p, in1 + i + 4, in2 + i + 4, out + i + 4, lo, hi, 0xFFFF, 1, negative);
    }
    for (; i < size; i += 4) {
        add4(p, in1 + i, in2 + i, out + i, lo, hi, vctp32q((uint32_t)(size - i)), 0, negative);
    }
}
#endif

void tf_add_s8_mve(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE)
    const tf_add_params p = *params;
    if (p.input1_shift < 0 && p.input2_shift < 0 && p.output_shift < 0) {
        add_all(&p, size, in1, in2, out, 1);
    } else {
        add_all(&p, size, in1, in2, out, 0);
    }
#else
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_add_sub_one_s8(params, in1[i], in2[i], 1);
    }
#endif
}
