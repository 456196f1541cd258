/* MUL int8 with 4-D broadcasting (TFLite Broadcast*4DSlow order: n, h, w, c over the output).
 *
 * Fast path (squeeze-and-excitation: a feature map times a per-channel vector): one operand has the
 * output's shape, the other is 1 x 1 along h and w (one value per channel, or one in all). Per channel
 * block, the vector's (value + offset) is precomputed once, then each feature byte takes one multiply and
 * the requantization; with a right shift (TFLite's usual case) that is tf_mbqm_rshift's single 64-bit
 * multiply-add (output offset folded in, SSAT); on DSP cores four channels per step (SXTAB16 adds the offset to two
 * bytes at once, SMULBB / SMULTT multiply, SMMLAR requantizes: scale_block_dsp), on Helium four lanes per step (scale_block_mve). The product
 * (x1 + offset1) * (x2 + offset2) is commutative, so which operand is the vector
 * does not matter; the arithmetic per element is tf_mul_one_s8's. Each output byte is written after its
 * own feature byte is read and no other, so the in-place plan (output over the full-shape operand) holds. */
#include "tf_kernels.h"
#include "../common/tf_binary_s8.h"
#include "../common/tf_broadcast.h"
#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif
#if defined(__ARM_FEATURE_DSP) && !(defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1))
#include "../common/tf_dsp_s8.h"
#define TF_MUL_DSP 1
/* Signed 16 x 16 products of the bottom (smulbb) or top (smultt) halves (ACLE in gcc 12 has only the accumulating
 * forms). */
static inline int32_t smulbb(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("smulbb %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static inline int32_t smultt(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("smultt %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
#endif
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TF_MUL_MVE 1
/* A vector value plus its offset ([-255, 255]), as the kernel loads it. */
typedef int32_t tf_mul_factor;
#else
typedef int16_t tf_mul_factor;
#endif

/* Channels whose vector factors sit on the stack at a time. */
#define TF_MUL_CHANNEL_BLOCK 128

/* Clamp to the activation range: one SSAT when that is all of int8. */
static inline __attribute__((always_inline)) int8_t clamp_s8(int32_t v, int32_t lo, int32_t hi, const int full_range)
{
#if defined(__ARM_FEATURE_SAT)
    if (full_range) {
        return (int8_t)__ssat(v, 8);
    }
#endif
    (void)full_range;
    return tf_sat_s8(v, lo, hi);
}

#if defined(TF_MUL_DSP)
/* (v + add) with v = floor((a * m + 2^31) / 2^32): SMMLAR, add entering the high word exactly. */
static inline __attribute__((always_inline)) int32_t smmlar(int32_t a, int32_t m, int32_t add)
{
    int32_t r;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(m), "r"(add));
    return r;
}

/* One output from the doubled product prod2 = 2 * (x + x_offset) * k: tf_mbqm(prod, M, -e) + zp as
 * (SMMLAR(prod2, M, add) + (prod2 >> 31)) >> e with add = 2^(e-1) + zp * 2^e (the derivation of
 * tf_conv_1x1_dsp_requant in conv_s8_1x1_dsp_body.h: SMMLAR of the doubled value is SaturatingRoundingDoublingHighMul,
 * and RoundingDivideByPOT's sign correction may use prod's sign), saturated to int8 (not yet clamped to the
 * activation range). */
static inline __attribute__((always_inline)) int32_t mul_out_dsp(int32_t prod2, int32_t m, int32_t add, int32_t e)
{
    return __ssat((smmlar(prod2, m, add) + (prod2 >> 31)) >> e, 8);
}

/* Bytes 0..3 of the word from four int8 values (BFI). */
static inline __attribute__((always_inline)) uint32_t pack4(int32_t v0, int32_t v1, int32_t v2, int32_t v3)
{
    uint32_t w = (uint32_t)v0;
    __asm__("bfi %0, %1, #8, #8\n\tbfi %0, %2, #16, #8\n\tbfi %0, %3, #24, #8" : "+&r"(w) : "r"(v1), "r"(v2), "r"(v3));
    return w;
}

/* Each byte of w clamped to [lo, hi] (given in every byte of lo4, hi4): SSUB8 sets the GE flags, SEL picks. */
static inline __attribute__((always_inline)) uint32_t clamp4(uint32_t w, int32_t lo4, int32_t hi4)
{
    (void)__ssub8((int32_t)w, lo4);
    w = __sel(w, (uint32_t)lo4);
    (void)__ssub8((int32_t)w, hi4);
    return __sel((uint32_t)hi4, w);
}

/* scale_block for a right shift e = -shift in [1, 23] and a multiplier >= 0 (the derivation's conditions: |prod2| <=
 * 2 * 255 * 255, so 2 * prod, v and v + add stay far inside int32 for |zp| <= 128): 4 channels per step, SXTAB16 adds
 * the offset to 2 bytes at once, SMULBB / SMULTT multiply by the doubled factor pairs (2k0, 2k2) and (2k1, 2k3) packed
 * here (|2k| <= 510 fits a half), then SMMLAR, ADD of the sign, ASR and SSAT per output. */
static inline __attribute__((always_inline)) void scale_block_dsp(const tf_mul_params *params, const int8_t *x,
                                                                  int32_t x_offset, const int16_t *k, int32_t width,
                                                                  int32_t pixels, int32_t c, int8_t *out,
                                                                  const int full_range)
{
    const int32_t lo = full_range ? TF_INT8_MIN : params->activation.min;
    const int32_t hi = full_range ? TF_INT8_MAX : params->activation.max;
    const int32_t e = -params->output_shift, m = params->output_multiplier;
    const int32_t add = (int32_t)((1u << (e - 1)) + (uint32_t)params->output_offset * (1u << e));
    const int32_t groups = width / 4, off2 = tf_dsp_pack_offset(x_offset);
    int32_t kpair[TF_MUL_CHANNEL_BLOCK / 2];
    int32_t p, g, j;
    for (g = 0; g < groups; ++g) {
        kpair[2 * g] = (int32_t)(((uint32_t)(2 * k[4 * g + 2]) << 16) | ((uint32_t)(2 * k[4 * g]) & 0xFFFFu));
        kpair[2 * g + 1] = (int32_t)(((uint32_t)(2 * k[4 * g + 3]) << 16) | ((uint32_t)(2 * k[4 * g + 1]) & 0xFFFFu));
    }
    const int32_t lo4 = tf_dsp_bytes4(lo), hi4 = tf_dsp_bytes4(hi);
    for (p = 0; p < pixels; ++p, x += c, out += c) {
        for (g = 0; g < groups; ++g) {
            const int32_t v = tf_dsp_load4(x + 4 * g);
            const int32_t xe = __sxtab16(off2, v), xo = tf_dsp_sxtab16_ror8(off2, v);
            const int32_t ke = kpair[2 * g], ko = kpair[2 * g + 1];
            uint32_t w = pack4(mul_out_dsp(smulbb(xe, ke), m, add, e), mul_out_dsp(smulbb(xo, ko), m, add, e),
                               mul_out_dsp(smultt(xe, ke), m, add, e), mul_out_dsp(smultt(xo, ko), m, add, e));
            if (!full_range) w = clamp4(w, lo4, hi4);
            memcpy(out + 4 * g, &w, 4);
        }
        for (j = 4 * groups; j < width; ++j) {
            out[j] = clamp_s8(mul_out_dsp(2 * ((int32_t)x[j] + x_offset) * k[j], m, add, e), lo, hi, full_range);
        }
    }
}
#endif

/* out[p * c + j] for pixels p < pixels, channels j < width of a block; k[j] = vector value + its offset. */
static inline __attribute__((always_inline)) void scale_block(const tf_mul_params *params, const int8_t *x, int32_t x_offset,
                                                              const int16_t *k, int32_t width, int32_t pixels, int32_t c,
                                                              int8_t *out, const int full_range)
{
    const int32_t lo = full_range ? TF_INT8_MIN : params->activation.min;
    const int32_t hi = full_range ? TF_INT8_MAX : params->activation.max;
    const int32_t zp = params->output_offset, shift = params->output_shift;
    int32_t p, j;
#if defined(TF_MUL_DSP)
    if (shift <= -1 && shift >= -23 && params->output_multiplier >= 0) {
        scale_block_dsp(params, x, x_offset, k, width, pixels, c, out, full_range);
        return;
    }
#endif
    if (shift <= -1 && shift >= -24) {
        /* tf_mbqm_rshift with the output zero point folded into its rounding constant: adding zp * 2^(31+e)
         * to the numerator adds zp to the floor; zp * 2^(e-1) + 2^(e-2) fits the high word for e <= 24 */
        tf_rshift_quant q = tf_rshift_quant_of(params->output_multiplier, shift);
#if defined(TF_MUL_DSP)
        /* 4 channels per step: SXTAB16 adds the offset to 2 bytes at once, SMULBB / SMULTT multiply by the factor
         * pairs (k0, k2) and (k1, k3) packed here */
        int32_t kpair[TF_MUL_CHANNEL_BLOCK / 2];
        const int32_t groups = width / 4, off2 = tf_dsp_pack_offset(x_offset);
        int32_t g;
        for (g = 0; g < groups; ++g) {
            kpair[2 * g] = (int32_t)(((uint32_t)k[4 * g + 2] << 16) | ((uint32_t)k[4 * g] & 0xFFFFu));
            kpair[2 * g + 1] = (int32_t)(((uint32_t)k[4 * g + 3] << 16) | ((uint32_t)k[4 * g + 1] & 0xFFFFu));
        }
#endif
        q.round_hi = (int32_t)((uint32_t)q.round_hi + ((uint32_t)zp << q.high_shift));
        for (p = 0; p < pixels; ++p, x += c, out += c) {
            j = 0;
#if defined(TF_MUL_DSP)
            for (g = 0; g < groups; ++g) {
                const int32_t v = tf_dsp_load4(x + 4 * g);
                const int32_t xe = __sxtab16(off2, v), xo = tf_dsp_sxtab16_ror8(off2, v);
                const int32_t ke = kpair[2 * g], ko = kpair[2 * g + 1];
                out[4 * g] = clamp_s8(tf_mbqm_rshift(smulbb(xe, ke), &q), lo, hi, full_range);
                out[4 * g + 1] = clamp_s8(tf_mbqm_rshift(smulbb(xo, ko), &q), lo, hi, full_range);
                out[4 * g + 2] = clamp_s8(tf_mbqm_rshift(smultt(xe, ke), &q), lo, hi, full_range);
                out[4 * g + 3] = clamp_s8(tf_mbqm_rshift(smultt(xo, ko), &q), lo, hi, full_range);
            }
            j = 4 * groups;
#endif
            for (; j < width; ++j) {
                const int32_t prod = ((int32_t)x[j] + x_offset) * k[j];
                out[j] = clamp_s8(tf_mbqm_rshift(prod, &q), lo, hi, full_range);
            }
        }
    } else {
        for (p = 0; p < pixels; ++p, x += c, out += c) {
            for (j = 0; j < width; ++j) {
                const int32_t prod = ((int32_t)x[j] + x_offset) * k[j];
                out[j] = clamp_s8(tf_mbqm(prod, params->output_multiplier, shift) + zp, lo, hi, full_range);
            }
        }
    }
}

#if defined(TF_MUL_MVE)
/* scale_block on Helium, four channels per step (the last 1 to 3 predicated), tf_mbqm on four lanes: the product
 * shifted left (VSHL by a register wraps like tf_shl_i32), VQRDMULH (gemmlowp's SaturatingRoundingDoublingHighMul
 * exactly: (ab + 2^30) >> 31, saturating only INT32_MIN * INT32_MIN), then RoundingDivideByPOT by e = -shift: VRSHL
 * by -e rounds ties up, so negative lanes are lowered by 1 first (VQADD of the sign, which keeps INT32_MIN, exact
 * there too), giving ties away from zero; e == 0 needs neither. Then the output offset and the activation clamp. */
static void scale_block_mve(const tf_mul_params *params, const int8_t *x, int32_t x_offset, const int32_t *k,
                            int32_t width, int32_t pixels, int32_t c, int8_t *out)
{
    const int32_t shift = params->output_shift, multiplier = params->output_multiplier;
    const int32x4_t left = vdupq_n_s32(shift > 0 ? shift : 0), right = vdupq_n_s32(shift > 0 ? 0 : shift);
    const int32x4_t lo = vdupq_n_s32(params->activation.min), hi = vdupq_n_s32(params->activation.max);
    const int32_t zp = params->output_offset, round_negative = shift < 0;
    int32_t p, j;
    for (p = 0; p < pixels; ++p, x += c, out += c) {
        for (j = 0; j < width; j += 4) {
            const mve_pred16_t m = vctp32q((uint32_t)(width - j));
            int32x4_t v = vaddq_n_s32(vldrbq_z_s32(x + j, m), x_offset);
            v = vmulq_s32(v, vldrwq_z_s32(k + j, m));
            v = vqrdmulhq_n_s32(vshlq_s32(v, left), multiplier);
            if (round_negative) {
                v = vqaddq_s32(v, vshrq_n_s32(v, 31));
            }
            v = vaddq_n_s32(vrshlq_s32(v, right), zp);
            v = vminq_s32(vmaxq_s32(v, lo), hi);
            vstrbq_p_s32(out + j, v, m);
        }
    }
}
#endif

/* The feature map x (n, h, w, c as the output) times the vector v (stride vc per channel, vn per batch). */
static void scale_by_vector(const tf_mul_params *params, const tf_dims *o, const int8_t *x, int32_t x_offset,
                            const int8_t *v, int32_t v_offset, int32_t vc, int32_t vn, int8_t *out)
{
    const int32_t pixels = o->h * o->w, plane = pixels * o->c;
    const int full_range = params->activation.min == TF_INT8_MIN && params->activation.max == TF_INT8_MAX;
    int32_t n, c0, j;
    for (n = 0; n < o->n; ++n) {
        for (c0 = 0; c0 < o->c; c0 += TF_MUL_CHANNEL_BLOCK) {
            tf_mul_factor k[TF_MUL_CHANNEL_BLOCK];
            const int32_t width = o->c - c0 < TF_MUL_CHANNEL_BLOCK ? o->c - c0 : TF_MUL_CHANNEL_BLOCK;
            const int8_t *xs = x + (int64_t)n * plane + c0;
            int8_t *os = out + (int64_t)n * plane + c0;
            for (j = 0; j < width; ++j) {
                k[j] = (tf_mul_factor)((int32_t)v[n * vn + (c0 + j) * vc] + v_offset);
            }
#if defined(TF_MUL_MVE)
            (void)full_range;
            scale_block_mve(params, xs, x_offset, k, width, pixels, o->c, os);
#else
            if (full_range) {
                scale_block(params, xs, x_offset, k, width, pixels, o->c, os, 1);
            } else {
                scale_block(params, xs, x_offset, k, width, pixels, o->c, os, 0);
            }
#endif
        }
    }
}

static int same_dims(const tf_dims *a, const tf_dims *b)
{
    return a->n == b->n && a->h == b->h && a->w == b->w && a->c == b->c;
}

/* One value per channel (or one in all) for every pixel. */
static int is_channel_vector(const tf_dims *d)
{
    return d->h == 1 && d->w == 1;
}

void tf_mul_s8_broadcast(const tf_mul_params *params, const tf_broadcast_shape *shape,
                         const int8_t *in1, const int8_t *in2, int8_t *out)
{
    const tf_bcast_strides s1 = tf_bcast_strides_of(&shape->in1);
    const tf_bcast_strides s2 = tf_bcast_strides_of(&shape->in2);
    const tf_dims *o = &shape->out;
    int32_t n, h, w, c;
    if (same_dims(&shape->in1, o) && is_channel_vector(&shape->in2)) {
        scale_by_vector(params, o, in1, params->input1_offset, in2, params->input2_offset, s2.c, s2.n, out);
        return;
    }
    if (same_dims(&shape->in2, o) && is_channel_vector(&shape->in1)) {
        scale_by_vector(params, o, in2, params->input2_offset, in1, params->input1_offset, s1.c, s1.n, out);
        return;
    }
    for (n = 0; n < o->n; ++n) {
        for (h = 0; h < o->h; ++h) {
            for (w = 0; w < o->w; ++w) {
                const int8_t *a = in1 + n * s1.n + h * s1.h + w * s1.w;
                const int8_t *b = in2 + n * s2.n + h * s2.h + w * s2.w;
                for (c = 0; c < o->c; ++c) {
                    const int8_t x1 = a[c * s1.c];
                    const int8_t x2 = b[c * s2.c];
                    *out++ = tf_mul_one_s8(params, x1, x2);
                }
            }
        }
    }
}
