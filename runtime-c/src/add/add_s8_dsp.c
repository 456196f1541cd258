/* ADD int8, elementwise (same shapes), for cores with the ARMv7E-M DSP extension (chosen with the board's DSP
 * kernels). Each input's rescaled value depends on its byte alone, so both are tabulated once per call (2 x 256
 * entries computed with the portable arithmetic of src/common/tf_binary_s8.h, stored doubled); per element two
 * table loads, an add (2 * sum) and the output rescale tf_mbqm(sum, M, -e) + output_offset as
 * (SMMLAR(2 * sum, M, add) + (2 * sum >> 31)) >> e with add = 2^(e-1) + output_offset * 2^e (the derivation of
 * tf_conv_1x1_dsp_requant in src/conv/conv_s8_1x1_dsp_body.h) when e = -output_shift is in [1, 23], then SSAT (and
 * the activation clamp when narrower). Bounds: |input + offset| <= 255, shifted left by left_shift <= 20 and scaled
 * by a multiplier below one, each entry stays below 2^28 in magnitude, so 2 * sum stays inside int32, and so does
 * v + add (|v| <= |sum| < 2^29, |add| <= 2^22 + 2^30). Same results as tf_add_s8, which it calls for short tensors
 * (where the tables cost more than they save), other shifts and on cores without DSP. Reads in1[i] and in2[i] before
 * writing out[i] (in place on either input is fine). */
#include "tf_kernels.h"
#include "tf_quant.h"

/* Below this many elements the 512 table entries cost more than they save. */
#define TF_ADD_DSP_MIN_SIZE 256

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>

/* out[i] from the doubled tables (indexed by the unsigned byte: entry b is twice the rescale of (int8_t)b);
 * full_range: the activation clamp is SSAT alone. The full-range element is one asm block (2 LDRB, 2 table LDR, ADD,
 * SMMLAR, ADD of the sign, ASR, SSAT, STRB, all indexed by i): gcc's own schedule spills the table bases. */
static inline __attribute__((always_inline)) void add_tabulated(const int32_t *t1, const int32_t *t2, int32_t m,
                                                                int32_t add, int32_t e, int32_t act_min,
                                                                int32_t act_max, int32_t size, const int8_t *in1,
                                                                const int8_t *in2, int8_t *out, const int full_range)
{
    const uint8_t *a = (const uint8_t *)in1, *b = (const uint8_t *)in2;
    int32_t i;
    if (full_range) {
        (void)act_min;
        (void)act_max;
#pragma GCC unroll 4
        for (i = 0; i < size; ++i) {
            int32_t x, y;
            __asm__ volatile("ldrb %[x], [%[a], %[i]]\n\t"
                             "ldrb %[y], [%[b], %[i]]\n\t"
                             "ldr %[x], [%[t1], %[x], lsl #2]\n\t"
                             "ldr %[y], [%[t2], %[y], lsl #2]\n\t"
                             "add %[x], %[x], %[y]\n\t"
                             "smmlar %[y], %[x], %[m], %[d]\n\t"
                             "add %[y], %[y], %[x], asr #31\n\t"
                             "asr %[y], %[y], %[e]\n\t"
                             "ssat %[y], #8, %[y]\n\t"
                             "strb %[y], [%[o], %[i]]"
                             : [x] "=&r"(x), [y] "=&r"(y)
                             : [a] "r"(a), [b] "r"(b), [o] "r"(out), [i] "r"(i), [t1] "r"(t1), [t2] "r"(t2), [m] "r"(m),
                               [d] "r"(add), [e] "r"(e)
                             : "memory");
        }
        return;
    }
    for (i = 0; i < size; ++i) {
        const int32_t sum2 = t1[a[i]] + t2[b[i]];
        int32_t v;
        __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(sum2), "r"(m), "r"(add));
        out[i] = (int8_t)tf_clamp_i32(__ssat((v + (sum2 >> 31)) >> e, 8), act_min, act_max);
    }
}
#endif

void tf_add_s8_dsp(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    if (size >= TF_ADD_DSP_MIN_SIZE && params->output_shift <= -1 && params->output_shift >= -23 &&
        params->output_multiplier >= 0 && params->left_shift <= 20) {
        int32_t t1[256], t2[256];
        const int32_t e = -params->output_shift;
        const int32_t add = (int32_t)((1u << (e - 1)) + (uint32_t)params->output_offset * (1u << e));
        const int32_t act_min = params->activation.min, act_max = params->activation.max;
        int32_t i;
        for (i = 0; i < 256; ++i) {
            const int32_t x = (int8_t)(uint8_t)i;
            t1[i] = 2 * tf_mbqm_smaller_than_one(tf_shl_i32(params->input1_offset + x, params->left_shift),
                                                 params->input1_multiplier, params->input1_shift);
            t2[i] = 2 * tf_mbqm_smaller_than_one(tf_shl_i32(params->input2_offset + x, params->left_shift),
                                                 params->input2_multiplier, params->input2_shift);
        }
        if (act_min == TF_INT8_MIN && act_max == TF_INT8_MAX) {
            add_tabulated(t1, t2, params->output_multiplier, add, e, act_min, act_max, size, in1, in2, out, 1);
        } else {
            add_tabulated(t1, t2, params->output_multiplier, add, e, act_min, act_max, size, in1, in2, out, 0);
        }
        return;
    }
#endif
    tf_add_s8(params, size, in1, in2, out);
}
