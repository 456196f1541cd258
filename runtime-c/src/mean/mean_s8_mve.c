/* MEAN int8 for Helium (MVE) where the reduced axes (size-1 axes aside) are one contiguous run, the input seen as
 * [outer][R][inner] with R <= 256 values per output, with TFLM's QuantizedMeanOrSum arithmetic (mean_s8.c: sum -
 * zp_in * count, then tf_mbqm with 1/count folded into the multiplier and shift, + zp_out, clamp to int8):
 *  - inner == 1 (the run at the end): eight outputs at a time, their R values gathered (16-bit lanes, offsets R
 *    apart);
 *  - inner > 1 (NHWC's spatial MEANs, channels innermost): eight neighbouring outputs of one outer index at a time,
 *    their R values eight contiguous bytes each, inner apart (the last group predicated).
 * Summed in int16 (exact: |sum| <= 256 * 128), widened (even and odd lanes), requantized on 4 int32 lanes each (VSHL
 * by a register for a left shift, wrapping like tf_shl_i32; VQRDMULH; the ties-away fix-up and VRSHL for a right
 * shift, common/tf_mve_s8.h), narrowed with saturation back into order (exact: a value outside int16 stays outside
 * int8), the output zero point added saturating and narrowed to int8 (the clamp); with inner == 1 the last outputs in
 * plain C with the same arithmetic. Reads the values of 8 outputs before writing them, outputs in increasing order
 * (out at or below in is fine). Everything else, and portable C where __ARM_FEATURE_MVE is absent: tf_mean_s8. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_mve_s8.h"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>

/* Values per output up to which the int16 sums are exact. */
#define TF_MEAN_MVE_MAX_REDUCE 256

/* The 4 requantized outputs (before the zero point) of the sums in v. */
static inline __attribute__((always_inline)) int32x4_t mean_requant4(int32x4_t v, int32_t zero_sum, int32_t multiplier,
                                                                    int32_t shift)
{
    v = vsubq_n_s32(v, zero_sum);
    if (shift > 0) v = vshlq_r_s32(v, shift);
    v = vqrdmulhq_n_s32(v, multiplier);
    if (shift < 0) v = vrshlq_n_s32(vqaddq_s32(v, vshrq_n_s32(v, 31)), shift);
    return v;
}

/* Eight int16 sums requantized, the zero point added, as int8 in the low bytes of 16-bit lanes. */
static inline __attribute__((always_inline)) int16x8_t mean_requant8(int16x8_t sum, int32_t zero_sum, int32_t multiplier,
                                                                    int32_t shift, int32_t zp)
{
    int16x8_t n = tf_mve_narrow16(mean_requant4(vmovlbq_s16(sum), zero_sum, multiplier, shift),
                                  mean_requant4(vmovltq_s16(sum), zero_sum, multiplier, shift));
    n = vqaddq_n_s16(n, (int16_t)zp);
    return vreinterpretq_s16_s8(vqmovnbq_s16(vreinterpretq_s8_s16(n), n));
}
#endif

void tf_mean_s8_mve(const tf_mean_params *params, int32_t ndims, const int32_t *in_shape, uint32_t reduce_mask,
                    const int8_t *in, int8_t *out)
{
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
    int32_t d, outer = 1, count = 1, inner = 1, state = 0, s = 0, multiplier = params->multiplier;
    int32_t shift = params->shift, o;
    /* [outer][count][inner]: state 0 before the run of reduced axes, 1 inside it, 2 after it (size-1 axes skipped) */
    for (d = 0; d < ndims; ++d) {
        const int reduced = (reduce_mask & (1u << d)) != 0;
        if (in_shape[d] == 1) continue;
        if (reduced) {
            if (state == 2) state = 3; /* a second run: not this kernel's */
            else state = 1;
            count *= in_shape[d];
        } else if (state == 0) {
            outer *= in_shape[d];
        } else {
            if (state == 1) state = 2;
            inner *= in_shape[d];
        }
    }
    if (!params->same_quant && state != 3 && count <= TF_MEAN_MVE_MAX_REDUCE && multiplier >= 0) {
        const int32_t zero_sum = params->input_zero_point * count, zp = params->output_zero_point;
        int32_t r;
        /* 1/count folded into the multiplier and shift as mean_s8.c (QuantizedMeanOrSum) */
        while (((int64_t)1 << (s + 1)) <= (int64_t)count) ++s;
        s = tf_min_i32(s, 32);
        s = tf_min_i32(s, 31 + shift);
        multiplier = (int32_t)((((int64_t)multiplier) << s) / (int64_t)count);
        shift = shift - s;
        if (inner > 1) {
            for (o = 0; o < outer; ++o) {
                const int8_t *p = in + o * count * inner;
                int8_t *y = out + o * inner;
                int32_t i;
                for (i = 0; i < inner; i += 8) {
                    const mve_pred16_t live = vctp16q((uint32_t)(inner - i));
                    int16x8_t sum = vldrbq_z_s16(p + i, live);
                    for (r = 1; r < count; ++r) {
                        sum = vaddq_s16(sum, vldrbq_z_s16(p + r * inner + i, live));
                    }
                    vstrbq_p_s16(y + i, mean_requant8(sum, zero_sum, multiplier, shift, zp), live);
                }
            }
            return;
        }
        {
            const uint16x8_t at = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)count);
            for (o = 0; o + 8 <= outer; o += 8) {
                const int8_t *p = in + o * count;
                int16x8_t sum = vldrbq_gather_offset_s16(p, at);
                for (r = 1; r < count; ++r) {
                    sum = vaddq_s16(sum, vldrbq_gather_offset_s16(p + r, at));
                }
                vstrbq_s16(out + o, mean_requant8(sum, zero_sum, multiplier, shift, zp));
            }
            for (; o < outer; ++o) {
                int32_t total = 0;
                for (r = 0; r < count; ++r) total += in[o * count + r];
                out[o] = tf_sat_s8(tf_mbqm(total - zero_sum, multiplier, shift) + zp, TF_INT8_MIN, TF_INT8_MAX);
            }
        }
        return;
    }
#endif
    tf_mean_s8(params, ndims, in_shape, reduce_mask, in, out);
}
