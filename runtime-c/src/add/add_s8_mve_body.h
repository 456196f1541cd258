/* ADD int8, elementwise (same shapes), for Helium (MVE), specialized per layer: the compiler emits a static function
 * per layer calling tf_add_s8_mve_body with the element count, the multipliers, the output shift and the activation
 * as literal constants, and a table prepared at compile time.
 *
 * Arithmetic (TFLite's AddFunc, common/tf_binary_s8.h). The input with the larger scale (input a here: input 1
 * when A_FIRST, else input 2) has multiplier 2^30 and shift 0, so its rescale is exact:
 * SRDHM((x + off) << L, 2^30) = (x + off) << (L - 1). The other input's rescale depends on its byte alone and is
 * tabulated: table[u] = rescale_b((int8_t)u) + (off_a << (L - 1)), so raw = table[b] + a * 2^(L - 1), one gather and
 * one VMLA per 4 elements (|raw| < 2^28: no wrap). The output rescale plus offset, tf_mbqm_smaller_than_one(raw, M, -E)
 * + zp, is (SRDHM(raw, M) + ADD + (raw >> 31)) >> E with ADD = 2^(E-1) + zp * 2^E (add/add_s8_dsp.c derives it; the
 * sign of raw stands for the sign of SRDHM(raw, M): they differ only where SRDHM gives 0, which rounds to 0 either
 * way), E in [1, 23]; VQRDMLASH computes SRDHM(raw, M) + ADD in one instruction (no saturation: |raw| < 2^28 and
 * |ADD| < 2^31 - 2^28). E == 0: SRDHM(raw, M) + zp, no rounding shift.
 *
 * 16 elements per step: elements 4k .. 4k + 3 in vector k (widening loads), narrowed with saturation (VQMOVNB/VQMOVNT,
 * 32 to 16 bits, then 16 to 8) into one vector of 16 bytes in a fixed order, scattered to their places by one store.
 * Narrowing saturates, which is the clamp to [-128, 127] (exact: a value outside int16 stays outside
 * int8); a narrower activation is clamped on the 16 bytes after. The last size % 16 elements in plain C (the portable
 * kernel's arithmetic). Each step reads its 16 elements of both inputs before writing its 16 outputs, steps in
 * increasing order: in place (out == a or out == b) is fine. Portable C (tf_add_s8's) where __ARM_FEATURE_MVE is absent. */
#ifndef ADD_S8_MVE_BODY_H
#define ADD_S8_MVE_BODY_H

#include "tf_kernels.h"
#include "../common/tf_binary_s8.h"
#include "../common/tf_mve_s8.h"

/* Elements up to which the compiler keeps tf_add_s8_mve (the 1 KB table costs more flash than it saves). */
#define TF_ADD_MVE_BODY_MIN_SIZE 256

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

/* The 4 outputs (int32 lanes, offset included) of elements 4k .. 4k + 3 of the 16 at a, b. */
static inline __attribute__((always_inline)) int32x4_t tf_add_mve_quarter(const int32_t *table, const int8_t *a,
                                                                         const int8_t *b, const int k, int32x4_t mult,
                                                                         const int32_t SCALE_A, const int32_t ADD,
                                                                         const int E)
{
    const int32x4_t xa = vldrbq_s32(a + 4 * k);
    const uint32x4_t xb = vldrbq_u32((const uint8_t *)b + 4 * k);
    int32x4_t raw = vmlaq_n_s32(vldrwq_gather_shifted_offset_s32(table, xb), xa, SCALE_A), sign;
    if (E == 0) return vqrdmlashq_n_s32(raw, mult, ADD);
    sign = vshrq_n_s32(raw, 31);
    raw = vqrdmlashq_n_s32(raw, mult, ADD);
    return vshrq_n_s32(vaddq_s32(raw, sign), E);
}
#endif

/* The layer: SIZE elements of in1 and in2; A_FIRST: in1 is input a (else in2); SCALE_A = 2^(L - 1), M / E the output multiplier and right shift (E in [0, 23]),
 * ADD = 2^(E-1) + zp * 2^E (zp when E == 0), ACT_MIN / ACT_MAX the activation; params (the output offset) for the tail and the
 * portable twin. Every argument after `out` a constant at the call. */
static inline __attribute__((always_inline)) void tf_add_s8_mve_body(const tf_add_params *params, const int32_t *table,
                                                                    const int8_t *in1, const int8_t *in2, int8_t *out,
                                                                    const int A_FIRST, const int32_t SIZE, const int32_t SCALE_A,
                                                                    const int32_t M, const int32_t ADD, const int E,
                                                                    const int32_t ACT_MIN, const int32_t ACT_MAX)
{
#if defined(__ARM_FEATURE_MVE)
    const int8_t *a = A_FIRST ? in1 : in2, *b = A_FIRST ? in2 : in1;
    /* the narrowings below leave element 4k + j (vector k, lane j) in byte lane 4j + k: scattered back */
    const uint8x16_t order = vaddq_u8(vmulq_n_u8(vandq_u8(vidupq_n_u8(0, 1), vdupq_n_u8(3)), 4),
                                      vshrq_n_u8(vidupq_n_u8(0, 1), 2));
    const int32x4_t mult = vdupq_n_s32(M);
    int32_t i;
    /* separate base registers (the arena addresses are known: gcc would form each input address from one) */
    __asm__("" : "+r"(a), "+r"(b), "+r"(out));
    for (i = 0; i + 16 <= SIZE; i += 16) {
        const int32x4_t e0 = tf_add_mve_quarter(table, a + i, b + i, 0, mult, SCALE_A, ADD, E);
        const int32x4_t e1 = tf_add_mve_quarter(table, a + i, b + i, 1, mult, SCALE_A, ADD, E);
        const int32x4_t e2 = tf_add_mve_quarter(table, a + i, b + i, 2, mult, SCALE_A, ADD, E);
        const int32x4_t e3 = tf_add_mve_quarter(table, a + i, b + i, 3, mult, SCALE_A, ADD, E);
        /* 16-bit lanes 2j, 2j + 1: e0[j], e2[j] (and e1[j], e3[j]); bytes 4j .. 4j + 3: e0[j], e1[j], e2[j], e3[j] */
        int8x16_t y = tf_mve_narrow8(tf_mve_narrow16(e0, e2), tf_mve_narrow16(e1, e3));
        if (ACT_MIN > -128) y = vmaxq_s8(y, vdupq_n_s8((int8_t)ACT_MIN));
        if (ACT_MAX < 127) y = vminq_s8(y, vdupq_n_s8((int8_t)ACT_MAX));
        vstrbq_scatter_offset_s8(out + i, order, y);
    }
    /* the tail, 1 to 15 elements: the same arithmetic in plain C */
    for (; i < SIZE; ++i) {
        const int32_t raw = table[(uint8_t)b[i]] + a[i] * SCALE_A;
        out[i] = tf_sat_s8(tf_mbqm_smaller_than_one(raw, M, -E) + params->output_offset, ACT_MIN, ACT_MAX);
    }
#else
    (void)table;
    (void)SCALE_A;
    (void)M;
    (void)ADD;
    (void)E;
    (void)ACT_MIN;
    (void)ACT_MAX;
    int32_t i;
    (void)A_FIRST;
    for (i = 0; i < SIZE; ++i) {
        out[i] = tf_add_sub_one_s8(params, in1[i], in2[i], 1);
    }
#endif
}

#endif
