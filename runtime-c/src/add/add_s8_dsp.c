/* ADD int8, elementwise (same shapes), for cores with the ARMv7E-M DSP extension (chosen with the board's DSP
 * kernels). Each input's rescaled value depends on its byte alone, so both are tabulated once per call (2 x 256
 * entries computed with the portable arithmetic of src/common/tf_binary_s8.h); per element two table loads,
 * an add, and the output rescale through tf_mbqm_rshift (one SMLAL, the output offset folded into its rounding
 * constant) when output_shift is in [-24, -1], then SSAT (and the activation clamp when narrower). Same results as
 * tf_add_s8, which it calls for short tensors (where the tables cost more than they save) and on cores
 * without DSP. Reads in1[i] and in2[i] before writing out[i] (in place on either input is fine). */
#include "tf_kernels.h"
#include "tf_quant.h"

/* Below this many elements the 512 table entries cost more than they save. */
#define TF_ADD_DSP_MIN_SIZE 256

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>

/* out[i] from the tables (indexed by the unsigned byte: entry b is the rescale of (int8_t)b) and the output rescale
 * with the output offset folded into q's rounding constant; full_range: the activation clamp is SSAT alone. */
static inline __attribute__((always_inline)) void add_tabulated(const int32_t *t1, const int32_t *t2, const tf_rshift_quant *q,
                                                                int32_t act_min, int32_t act_max, int32_t size,
                                                                const int8_t *in1, const int8_t *in2, int8_t *out,
                                                                const int full_range)
{
    const uint8_t *a = (const uint8_t *)in1, *b = (const uint8_t *)in2;
    int32_t i;
    for (i = 0; i < size; ++i) {
        int32_t v = __ssat(tf_mbqm_rshift(t1[a[i]] + t2[b[i]], q), 8);
        if (!full_range) {
            v = tf_clamp_i32(v, act_min, act_max);
        }
        out[i] = (int8_t)v;
    }
}
#endif

void tf_add_s8_dsp(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    if (size >= TF_ADD_DSP_MIN_SIZE && params->output_shift <= -1 && params->output_shift >= -24) {
        int32_t t1[256], t2[256];
        tf_rshift_quant q = tf_rshift_quant_of(params->output_multiplier, params->output_shift);
        const int32_t act_min = params->activation.min, act_max = params->activation.max;
        int32_t i;
        /* output_offset * 2^(31+e) added to the numerator adds it to the floor; it fits the high word for e <= 24 */
        q.round_hi = (int32_t)((uint32_t)q.round_hi + ((uint32_t)params->output_offset << q.high_shift));
        for (i = 0; i < 256; ++i) {
            const int32_t x = (int8_t)(uint8_t)i;
            t1[i] = tf_mbqm_smaller_than_one(tf_shl_i32(params->input1_offset + x, params->left_shift),
                                             params->input1_multiplier, params->input1_shift);
            t2[i] = tf_mbqm_smaller_than_one(tf_shl_i32(params->input2_offset + x, params->left_shift),
                                             params->input2_multiplier, params->input2_shift);
        }
        if (act_min == TF_INT8_MIN && act_max == TF_INT8_MAX) {
            add_tabulated(t1, t2, &q, act_min, act_max, size, in1, in2, out, 1);
        } else {
            add_tabulated(t1, t2, &q, act_min, act_max, size, in1, in2, out, 0);
        }
        return;
    }
#endif
    tf_add_s8(params, size, in1, in2, out);
}
