/* ADD int8, elementwise (same shapes), for Helium (MVE): 4 elements per int32 vector through TFLite's
 * AddFunc (common/tf_binary_s8.h) step by step: (x + offset) << left_shift, then per input and for the
 * sum MultiplyByQuantizedMultiplierSmallerThanOneExp as VQRDMULH and the rounding right shift with the
 * ties-away fix-up proved in common/tf_mve_s8.h (both left out for a shift of 0: nothing to round), then
 * output offset and clamp. Portable C where
 * __ARM_FEATURE_MVE is absent. Same results as tf_add_s8. Order: elements first to last, 4 at a time
 * (each block read before it is written; 8 per loop step, the second 4 read after the first 4 are
 * written, at higher addresses), so it may run in place. */
#include "tf_kernels.h"
#include "../common/tf_binary_s8.h"
#include "../common/tf_mve_s8.h"

#if defined(__ARM_FEATURE_MVE)
/* A multiplier's shift as the kernel's loops know it (a constant after inlining): 0 (no rounding shift at
 * all: TFLite's ADD gives the input with the larger scale multiplier 0.5, shift 0), < 0 (the fix-up needs no
 * mask: it is exactly the x < 0 correction), or any value <= 0. */
#define ADD_SHIFT_ZERO 0
#define ADD_SHIFT_NEGATIVE 1
#define ADD_SHIFT_ANY 2

/* tf_mbqm_smaller_than_one on 4 lanes (shift <= 0). */
static inline __attribute__((always_inline)) int32x4_t mbqm_smaller_than_one(int32x4_t x, int32_t multiplier, int32_t shift,
                                                                            const int kind)
{
    const int32x4_t v = vqrdmulhq_n_s32(x, multiplier);
    if (kind == ADD_SHIFT_ZERO) return v;
    return vrshlq_n_s32(kind == ADD_SHIFT_NEGATIVE ? vqaddq_s32(v, vshrq_n_s32(v, 31))
                                                   : vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, vdupq_n_s32(shift)), 31)),
                        shift);
}

/* Elements [i, i + 4) (the lanes of `lanes`; all of them when whole, a constant). */
static inline __attribute__((always_inline)) void add4(const tf_add_params *p, const int8_t *in1, const int8_t *in2,
                                                      int8_t *out, int32x4_t lo, int32x4_t hi, mve_pred16_t lanes,
                                                      const int whole, const int k1, const int k2, const int ko)
{
    const int32x4_t x1 = whole ? vldrbq_s32(in1) : vldrbq_z_s32(in1, lanes);
    const int32x4_t x2 = whole ? vldrbq_s32(in2) : vldrbq_z_s32(in2, lanes);
    const int32x4_t v1 = vshlq_r_s32(vaddq_n_s32(x1, p->input1_offset), p->left_shift);
    const int32x4_t v2 = vshlq_r_s32(vaddq_n_s32(x2, p->input2_offset), p->left_shift);
    const int32x4_t raw = vaddq_s32(mbqm_smaller_than_one(v1, p->input1_multiplier, p->input1_shift, k1),
                                    mbqm_smaller_than_one(v2, p->input2_multiplier, p->input2_shift, k2));
    int32x4_t o = vaddq_n_s32(mbqm_smaller_than_one(raw, p->output_multiplier, p->output_shift, ko), p->output_offset);
    o = vminq_s32(vmaxq_s32(o, lo), hi);
    if (whole) vstrbq_s32(out, o); else vstrbq_p_s32(out, o, lanes);
}

/* Every element: 8 per iteration unpredicated, then the last 1 to 7; k1, k2, ko: the shifts' kinds. */
static inline __attribute__((always_inline)) void add_all(const tf_add_params *p, int32_t size, const int8_t *in1,
                                                         const int8_t *in2, int8_t *out, const int k1, const int k2,
                                                         const int ko)
{
    const int32x4_t lo = vdupq_n_s32(p->activation.min), hi = vdupq_n_s32(p->activation.max);
    int32_t i;
    for (i = 0; i + 8 <= size; i += 8) {
        add4(p, in1 + i, in2 + i, out + i, lo, hi, 0xFFFF, 1, k1, k2, ko);
        add4(p, in1 + i + 4, in2 + i + 4, out + i + 4, lo, hi, 0xFFFF, 1, k1, k2, ko);
    }
    for (; i < size; i += 4) {
        add4(p, in1 + i, in2 + i, out + i, lo, hi, vctp32q((uint32_t)(size - i)), 0, k1, k2, ko);
    }
}
#endif

void tf_add_s8_mve(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE)
    const tf_add_params p = *params;
    /* the usual kinds (one input's shift 0, the other's and the output's negative) get their own loops */
    if (p.output_shift < 0 && p.input1_shift == 0 && p.input2_shift < 0) {
        add_all(&p, size, in1, in2, out, ADD_SHIFT_ZERO, ADD_SHIFT_NEGATIVE, ADD_SHIFT_NEGATIVE);
    } else if (p.output_shift < 0 && p.input1_shift < 0 && p.input2_shift == 0) {
        add_all(&p, size, in1, in2, out, ADD_SHIFT_NEGATIVE, ADD_SHIFT_ZERO, ADD_SHIFT_NEGATIVE);
    } else if (p.output_shift < 0 && p.input1_shift < 0 && p.input2_shift < 0) {
        add_all(&p, size, in1, in2, out, ADD_SHIFT_NEGATIVE, ADD_SHIFT_NEGATIVE, ADD_SHIFT_NEGATIVE);
    } else {
        add_all(&p, size, in1, in2, out, ADD_SHIFT_ANY, ADD_SHIFT_ANY, ADD_SHIFT_ANY);
    }
#else
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_add_sub_one_s8(params, in1[i], in2[i], 1);
    }
#endif
}
