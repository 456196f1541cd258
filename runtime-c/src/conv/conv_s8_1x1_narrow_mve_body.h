/* CONV_2D int8 1x1, stride 1, no padding, no groups, at most 16 input channels, for Helium (MVE), specialized
 * per layer (the compiler emits a static function per layer calling tf_conv_s8_1x1_narrow_mve_body with the
 * pixel count, channel counts, in-place flag and kinds of shifts and activation as literal constants).
 *
 * With K <= 16 input channels a pixel is one vector and an output one VMLADAV (K MACs), so the work per output
 * is its requantization. Four pixels go in the lanes: their inputs are loaded once (zeros past K), then each
 * output channel is one weight load, 4 VMLADAV, the 4 sums moved into one vector, requantized there with the
 * channel's constants as scalars (the channel's {folded bias, multiplier, right shift, left shift},
 * prepared by the compiler in that order) and scattered to the 4 pixels by one byte store.
 *
 * Requantization: tf_mve_requant_apply's steps (common/tf_mve_s8.h says why each is exact) with scalars. With
 * TF_PW_RELU in the kind (act_min >= output_offset, a fused RELU/RELU6 or narrower) the round-half-away fix-up is left out,
 * exactly: it changes only lanes x < 0 after the doubling high multiply, and there both roundings give
 * RoundingDivideByPOT(x) <= 0 (floor((x + 2^(e-1)) / 2^e) <= 0 for x <= -1), so the output is at most
 * output_offset <= act_min either way and the clamp gives act_min.
 *
 * Order and bytes: groups of 4 pixels, all 4 inputs in registers before any output of the group is written.
 * In place (out == in): last group first when OC > K, first group first otherwise, as tf_conv_s8_1x1_inplace;
 * the pixels % 4 left over (the first ones when last first, else the last ones) form the final group, its
 * missing lanes repeating its last pixel (the same bytes stored twice). Out of place: groups in increasing
 * order, so an output overlaps only inputs of pixels at least 4 before it (PixelWindows' unit of 4 pixels).
 * Portable C where __ARM_FEATURE_MVE is absent, same results. */
#ifndef CONV_S8_1X1_NARROW_MVE_BODY_H
#define CONV_S8_1X1_NARROW_MVE_BODY_H

#include "conv_s8_1x1_mve_body.h"

/* Input channels up to which the narrow body applies. */
#define TF_PW_NARROW_MAX_IN 16

/* Portable C for the narrow and wide bodies: pixels j < n at x + j * K, first copied to group (n * K bytes, so
 * in place every input is read before any output is written), -> y + j * OC. */
static inline void tf_pw_portable_group(const int8_t *filter, const int32_t *consts, const int8_t *x, int8_t *group,
                                        int8_t *y, int32_t n, int32_t K, int32_t OC, int32_t output_offset,
                                        int32_t act_min, int32_t act_max)
{
    int32_t j, oc, i;
    memcpy(group, x, (size_t)(n * K));
    for (j = 0; j < n; ++j) {
        for (oc = 0; oc < OC; ++oc) {
            const int32_t *q = consts + 4 * oc;
            int32_t acc = q[0];
            for (i = 0; i < K; ++i) acc += (int32_t)filter[oc * K + i] * group[j * K + i];
            y[j * OC + oc] = tf_requant_s8(acc, q[1], q[2] + q[3], output_offset, act_min, act_max);
        }
    }
}

#if defined(__ARM_FEATURE_MVE)
/* The lanes of v (sums without the bias, or with it: TF_PW_BIASED in the kind) of one output channel (constants q)
 * scaled and shifted, before the output offset. kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
#define TF_PW_BIASED 8
static inline __attribute__((always_inline)) int32x4_t tf_pw_requant32(int32x4_t v, const int32_t *q, const int kind)
{
    const int shifts = kind & 3, relu = kind & TF_PW_RELU;
    const int32_t right = q[2];
    if (!(kind & TF_PW_BIASED)) v = vaddq_n_s32(v, q[0]);
    if (shifts == TF_PW_SHIFT_ANY) v = vshlq_r_s32(v, q[3]);
    v = vqrdmulhq_n_s32(v, q[1]);
    if (!relu && (shifts == TF_PW_SHIFT_NEGATIVE || right < 0)) {
        /* lanes x < 0 less 1 (saturating: INT32_MIN stays, see common/tf_mve_s8.h) in one VPT block: no other q
         * register (gcc's own vcmpltq / vqsubq_m go through a general-purpose register and back) */
        __asm__("vpt.s32 lt, %q0, zr\n\tvqsubt.s32 %q0, %q0, %1" : "+w"(v) : "r"(1) : "p0");
    }
    return vrshlq_n_s32(v, right);
}

/* tf_pw_requant32 and the rest: the requantized lanes stored as bytes at y + yo. */
static inline __attribute__((always_inline)) void tf_pw_requant_store(int32x4_t v, const int32_t *q, int8_t *y, uint32x4_t yo,
                                                                     int32_t output_offset, int32x4_t lo, int32x4_t hi,
                                                                     const int kind)
{
    v = vaddq_n_s32(tf_pw_requant32(v, q, kind), output_offset);
    v = vminq_s32(vmaxq_s32(v, lo), hi);
    vstrbq_scatter_offset_s32(y, yo, v);
}

/* Two output channels' 4 lanes each (sums a with constants qa, b with qb; TF_PW_BIASED as above) requantized as
 * one int16x8 (a's lanes even, b's odd) and stored as bytes at y + yo (u16 offsets). The scaled and shifted int32
 * lanes are narrowed with saturation (VQMOVNB/VQMOVNT) before the output offset is added (VQADD.S16) and the
 * activation range applied on 8 lanes: exact, since [act_min, act_max] lies inside int16 and a saturated lane stays
 * beyond that range on its own side, except where the reference's int32 add of the output offset would itself
 * overflow (|lane| > 2^31 - 129, possible only with a zero right shift), which TFLite leaves undefined. */
static inline __attribute__((always_inline)) void tf_pw_requant_store2(int32x4_t a, int32x4_t b, const int32_t *qa,
                                                                      const int32_t *qb, int8_t *y, uint16x8_t yo,
                                                                      int32_t output_offset, int16x8_t lo, int16x8_t hi,
                                                                      const int kind)
{
    const int32x4_t ra = tf_pw_requant32(a, qa, kind);
    int16x8_t v = vqmovnbq_s32(vreinterpretq_s16_s32(ra), ra); /* every lane written by the two narrows */
    v = vqmovntq_s32(v, tf_pw_requant32(b, qb, kind));
    v = vqaddq_n_s16(v, (int16_t)output_offset);
    v = vminq_s16(vmaxq_s16(v, lo), hi);
    vstrbq_scatter_offset_s16(y, yo, v);
}

/* One output channel (weights wv, constants q) of the 4 pixels a..d: one byte per pixel at y + yo. */
static inline __attribute__((always_inline)) void tf_pw_narrow_channel(int8x16_t a, int8x16_t b, int8x16_t c, int8x16_t d,
                                                                      int8x16_t wv, const int32_t *q, int8_t *y,
                                                                      uint32x4_t yo, int32_t output_offset,
                                                                      int32x4_t lo, int32x4_t hi, const int kind)
{
    tf_pw_requant_store(tf_mve_vec4(vmladavq_s8(a, wv), vmladavq_s8(b, wv), vmladavq_s8(c, wv), vmladavq_s8(d, wv)), q, y,
                        yo, output_offset, lo, hi, kind);
}
#endif

/* Group pixel j < n (at most 4) at x + j * K -> y + j * OC, every output channel. consts: OC x {folded bias,
 * multiplier, min(shift, 0), max(shift, 0)}. */
static inline __attribute__((always_inline)) void tf_pw_narrow_group(const int8_t *filter, const int32_t *consts,
                                                                    const int8_t *x, int8_t *y, const int32_t n,
                                                                    const int32_t K, const int32_t OC,
                                                                    int32_t output_offset, int32_t act_min,
                                                                    int32_t act_max, const int kind)
{
#if defined(__ARM_FEATURE_MVE)
    const mve_pred16_t tail = vctp8q((uint32_t)K);
    /* the missing pixels of a short group repeat its last one */
    const int8_t *x1 = x + (n > 1 ? K : 0), *x2 = x + (n > 2 ? 2 * K : n > 1 ? K : 0);
    const int8_t *x3 = x + (n > 3 ? 3 * K : n > 2 ? 2 * K : n > 1 ? K : 0);
    const int8x16_t a = K == 16 ? vldrbq_s8(x) : vldrbq_z_s8(x, tail);
    const int8x16_t b = K == 16 ? vldrbq_s8(x1) : vldrbq_z_s8(x1, tail);
    const int8x16_t c = K == 16 ? vldrbq_s8(x2) : vldrbq_z_s8(x2, tail);
    const int8x16_t d = K == 16 ? vldrbq_s8(x3) : vldrbq_z_s8(x3, tail);
    /* lane j stores at pixel min(j, n - 1) */
    const uint32x4_t yo = n == 4 ? vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)OC)
                                 : vminq_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)OC), vdupq_n_u32((uint32_t)((n - 1) * OC)));
    /* filters oc < safe (oc * K + 16 <= OC * K): a whole 16-byte load stays inside the weights (bytes past K
     * belong to the next filter and meet zero inputs) */
    const int32_t safe = OC * K >= 16 ? (OC * K - 16) / K + 1 : 0;
    const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
    const int32_t *q = consts, *const q_safe = consts + 4 * safe, *const q_end = consts + 4 * OC;
    const int8_t *w = filter;
    int8_t *yc = y;
#pragma GCC unroll 8
    for (; q < q_safe; q += 4, w += K, ++yc) {
        tf_pw_narrow_channel(a, b, c, d, vldrbq_s8(w), q, yc, yo, output_offset, lo, hi, kind);
    }
    for (; q < q_end; q += 4, w += K, ++yc) {
        tf_pw_narrow_channel(a, b, c, d, vldrbq_z_s8(w, tail), q, yc, yo, output_offset, lo, hi, kind);
    }
#else
    int8_t group[4 * 16]; /* the group's inputs, read before any output is written, as with MVE */
    (void)kind;
    tf_pw_portable_group(filter, consts, x, group, y, n, K, OC, output_offset, act_min, act_max);
#endif
}

/* The layer: pixels * K input bytes at in, pixels * OC output bytes at out (out == in when in_place). Every
 * argument after `out` is a constant at the call; kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_narrow_mve_body(const tf_conv_params *params,
                                                                                const int8_t *filter, const int32_t *consts,
                                                                                const int8_t *in, int8_t *out,
                                                                                const int32_t pixels, const int32_t K,
                                                                                const int32_t OC, const int in_place,
                                                                                const int kind)
{
    const int32_t off = params->output_offset, lo = params->activation.min, hi = params->activation.max;
    const int last_first = in_place && OC > K;
    const int32_t whole = pixels / 4 * 4, rest = pixels - whole;
    int32_t k;
    for (k = 0; k < whole; k += 4) {
        const int32_t a = last_first ? pixels - 4 - k : k;
        tf_pw_narrow_group(filter, consts, in + a * K, out + a * OC, 4, K, OC, off, lo, hi, kind);
    }
    if (rest > 0) {
        const int32_t a = last_first ? 0 : whole;
        tf_pw_narrow_group(filter, consts, in + a * K, out + a * OC, rest, K, OC, off, lo, hi, kind);
    }
}

#endif
