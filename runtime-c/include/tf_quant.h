/* tinyforge runtime: integer requantization helpers, bit-exact with TFLite / TFLM reference code
 * (gemmlowp-style fixed point, "double rounding" form, which is TFLM's default build: the
 * TFLITE_SINGLE_ROUNDING variant is NOT used).
 *
 * All helpers are static inline, C99, integer only. Signed right shifts are assumed to be
 * arithmetic (true for gcc / arm-none-eabi-gcc / clang, which is what TFLite assumes too).
 */
#ifndef TF_QUANT_H
#define TF_QUANT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TF_INT8_MIN (-128)
#define TF_INT8_MAX 127

static inline int32_t tf_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
static inline int32_t tf_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }

static inline int32_t tf_clamp_i32(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* Clamp to [lo, hi] and narrow to int8 (lo/hi are already inside int8's range). */
static inline int8_t tf_sat_s8(int32_t x, int32_t lo, int32_t hi)
{
    return (int8_t)tf_clamp_i32(x, lo, hi);
}

/* x * 2^shift for shift >= 0 with two's complement wrap-around (no signed-overflow UB). */
static inline int32_t tf_shl_i32(int32_t x, int32_t shift)
{
    return (int32_t)((uint32_t)x << shift);
}

/* gemmlowp SaturatingRoundingDoublingHighMul: round(a * b / 2^31), saturating the single
 * overflow case a == b == INT32_MIN. gemmlowp adds 2^30 (ab >= 0) or 1 - 2^30 (ab < 0) and divides
 * by 2^31 truncating toward zero. For ab < 0 that is ceil((ab + 1 - 2^30) / 2^31)
 * = floor((ab + 1 - 2^30 + 2^31 - 1) / 2^31) = floor((ab + 2^30) / 2^31), the same expression as
 * for ab >= 0; so one arithmetic shift, no branch (SMULL, ADDS, ADC, shifts on Cortex-M). */
static inline int32_t tf_srdhm(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.
 * exponent in [0, 31]. */
static inline int32_t tf_rdbpot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite MultiplyByQuantizedMultiplier(int32 x, multiplier, shift), double-rounding form:
 * shift > 0 is a left shift applied before the high multiply, shift < 0 a rounding right shift
 * after it. Used by conv, depthwise, FC, MUL, requantize, MEAN, ... */
static inline int32_t tf_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    return tf_rdbpot(tf_srdhm(tf_shl_i32(x, left), multiplier), right);
}

/* TFLite MultiplyByQuantizedMultiplier(int64 x, multiplier, shift), the 16x8 kernels' form: the
 * multiplier is rounded to 16 bits (saturating at 0x7FFF), then one rounding right shift by
 * 15 - shift. x must lie within +-2^47 (as TFLite requires). */
static inline int32_t tf_mbqm_s64(int64_t x, int32_t multiplier, int32_t shift)
{
    const int64_t reduced = multiplier < 0x7FFF0000 ? ((int64_t)multiplier + (1 << 15)) >> 16 : 0x7FFF;
    const int32_t total_shift = 15 - shift;
    const int64_t rounded = x * reduced + ((int64_t)1 << (total_shift - 1));
    return (int32_t)(rounded >> total_shift);
}

#define TF_INT16_MIN (-32768)
#define TF_INT16_MAX 32767

/* Clamp to [lo, hi] and narrow to int16 (lo/hi are already inside int16's range). */
static inline int16_t tf_sat_s16(int32_t x, int32_t lo, int32_t hi)
{
    return (int16_t)tf_clamp_i32(x, lo, hi);
}

/* TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0): ADD / SUB. */
static inline int32_t tf_mbqm_smaller_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
    return tf_rdbpot(tf_srdhm(x, multiplier), -shift);
}

/* TFLite MultiplyByQuantizedMultiplierGreaterThanOne (left_shift >= 0): softmax input scaling. */
static inline int32_t tf_mbqm_greater_than_one(int32_t x, int32_t multiplier, int32_t left_shift)
{
    return tf_srdhm(tf_shl_i32(x, left_shift), multiplier);
}

/* One requantization step as every int8 "accumulate then rescale" kernel ends:
 * clamp(MBQM(acc) + output_offset, act_min, act_max). */
static inline int8_t tf_requant_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                   int32_t output_offset, int32_t act_min, int32_t act_max)
{
    return tf_sat_s8(tf_mbqm(acc, multiplier, shift) + output_offset, act_min, act_max);
}

/* ---- One-multiply form of tf_mbqm for a right shift (shift <= -1), for the fast kernels ----
 * With e = -shift >= 1 and multiplier M >= 0 (TFLite's are 0 or in [2^30, 2^31)):
 *   tf_mbqm(x) = RDBPOT(v, e),  v = floor((x*M + 2^30) / 2^31)
 *   RDBPOT(v, e) = floor((v + 2^(e-1) - [v < 0]) / 2^e)            (half away from zero)
 * and floor((floor(P / A) + c) / B) = floor((P + c*A) / (A*B)) for integers, so
 *   tf_mbqm(x) = floor((x*M + 2^30 + 2^(30+e) - [v < 0] * 2^31) / 2^(31+e)).
 * [v < 0] may be replaced by [x < 0]: they differ only for x < 0 with x*M + 2^30 >= 0, where v = 0 and the
 * numerator lies in [2^(30+e) - 2^31, 2^(30+e) - 2^30], inside [0, 2^(31+e)), so the result is 0 either way.
 * Dividing by 2^(31+e) = 2^32 * 2^(e-1) is the high word of the 64-bit sum shifted right by e - 1: one
 * SMLAL into a preset constant, one ASR. No 32-bit overflow anywhere (|x*M| < 2^62). Checked against
 * tf_mbqm on edge cases and random pairs in test/selfcheck.c. */
typedef struct {
    int32_t multiplier;
    int32_t round_hi, round_lo; /* 2^30 + 2^(30+e) as a 64-bit constant */
    int32_t high_shift;         /* e - 1 */
} tf_rshift_quant;

/* Precomputed constants of (multiplier, shift) for shift <= -1. */
static inline tf_rshift_quant tf_rshift_quant_of(int32_t multiplier, int32_t shift)
{
    tf_rshift_quant q;
    const uint32_t two_e = 1u << (uint32_t)(-shift); /* 2^e, e in [1, 31] */
    q.multiplier = multiplier;
    q.round_hi = (int32_t)(two_e >> 2);                 /* 2^(e-2), 0 for e == 1 */
    q.round_lo = (int32_t)(0x40000000u + (two_e << 30)); /* 2^30 + (2^(30+e) mod 2^32) */
    q.high_shift = -shift - 1;
    return q;
}

/* tf_mbqm(x, multiplier, shift) for shift <= -1 through the constants of tf_rshift_quant_of. */
static inline int32_t tf_mbqm_rshift(int32_t x, const tf_rshift_quant *q)
{
    /* 2^30 + 2^(30+e) - [x < 0] * 2^31, then + x*M (SMLAL) */
    const int64_t round = (int64_t)(((uint64_t)(uint32_t)q->round_hi << 32) | (uint32_t)q->round_lo)
                        - (int64_t)((uint32_t)x & 0x80000000u);
    const int64_t sum = round + (int64_t)x * q->multiplier;
    return (int32_t)(sum >> 32) >> q->high_shift;
}

/* ---- gemmlowp fixed-point transcendental helpers (raw int32 values) ----
 * A value "Qk" has k integer bits and 31-k fractional bits. Implemented in src/common/fixedpoint.c
 * (not inline: they are larger), declared here because softmax, logistic, tanh and log-softmax
 * share them. */

/* exp(x) for x <= 0, x in Q(integer_bits) (raw), result in Q0 (raw). */
int32_t tf_fp_exp_on_negative_values(int32_t x_raw, int32_t integer_bits);
/* 1 / (1 + x) for x in [0, 1): x in Q0, result in Q0. */
int32_t tf_fp_one_over_one_plus_x_for_x_in_0_1(int32_t x_raw);
/* gemmlowp::logistic(x): x in Q(integer_bits), result in Q0. */
int32_t tf_fp_logistic(int32_t x_raw, int32_t integer_bits);
/* gemmlowp::tanh(x): x in Q(integer_bits), result in Q0. */
int32_t tf_fp_tanh(int32_t x_raw, int32_t integer_bits);
/* TFLite's sigmoid_table_uint16[index] (sigmoid(index / 24) in unsigned Q0.16, index 0..255): the
 * table TFLM's int16 LOGISTIC and TANH interpolate in. */
uint32_t tf_sigmoid_table_u16(int32_t index);
/* TFLite log_x_for_x_greater_than_or_equal_to_1: log(x) for x > 0 in Q(input_integer_bits),
 * result in Q(output_integer_bits). */
int32_t tf_fp_log_x_for_x_ge_1(int32_t x_raw, int32_t input_integer_bits,
                               int32_t output_integer_bits);

#ifdef __cplusplus
}
#endif
#endif /* TF_QUANT_H */
