/* Helium (MVE) helpers for the int8 *_mve kernels, each with a portable twin used where
 * __ARM_FEATURE_MVE is absent (the host), so every *_mve kernel also runs, identically, in plain C.
 *
 * Folded bias. The *_mve kernels take bias'[oc] = bias[oc] + input_offset * sum of filter oc's taps
 * (the compiler computes it) and accumulate sum w * x on the raw int8 input: sum w*(x + off) + bias ==
 * sum w*x + bias' in int32 (addition wraps the same in any order), so VMLADAVA runs on the stored bytes.
 * A tap in the padding, which TFLM skips, then has to add w * (-input_offset): the kernels read the
 * input zero point there (x + off == 0).
 *
 * Requantization (tf_mve_requant_q): exactly tf_requant_s8 on four lanes.
 *  - left shift (shift > 0): VSHL by a non-negative register amount wraps like tf_shl_i32.
 *  - SaturatingRoundingDoublingHighMul: VQRDMULH computes sat((2ab + 2^31) >> 32) = (ab + 2^30) >> 31,
 *    saturating only a == b == INT32_MIN, which is tf_srdhm.
 *  - RoundingDivideByPOT by e = -shift > 0: VRSHL by -e gives floor((x + 2^(e-1)) / 2^e) (exact, the sum
 *    is formed wide), i.e. ties rounded up; TFLite rounds ties away from zero. For x < 0 subtracting 1
 *    first fixes that: with x = -m, floor((2^(e-1) - 1 - m) / 2^e) = -floor((m + 2^(e-1)) / 2^e), which is
 *    TFLite's -round(m / 2^e). The fix-up is (x AND -e) >> 31: -1 exactly when x < 0 and e > 0, nothing
 *    when e == 0 (VRSHL by 0 is the identity, no rounding to fix). VQADD keeps x == INT32_MIN there,
 *    which is still exact: INT32_MIN is divisible by 2^e, with or without the 2^(e-1) added.
 * Checked by the random graphs of MveKernelsBitExactTest against the portable kernels. */
#ifndef TF_MVE_S8_H
#define TF_MVE_S8_H

#include <stdint.h>
#include <string.h>
#include "tf_types.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
#endif

/* A layer's requantization constants as locals (int8 stores may alias what pointers reach). */
typedef struct {
    const int32_t *multiplier, *shift, *bias; /* bias: the folded bias, never NULL */
    int32_t output_offset, act_min, act_max;
} tf_mve_requant;

static inline tf_mve_requant tf_mve_requant_of(const tf_per_channel_quant *quant, const int32_t *folded_bias,
                                               int32_t output_offset, tf_activation act)
{
    tf_mve_requant r;
    r.multiplier = quant->multiplier;
    r.shift = quant->shift;
    r.bias = folded_bias;
    r.output_offset = output_offset;
    r.act_min = act.min;
    r.act_max = act.max;
    return r;
}

/* Output channel oc of an accumulator that lacks the bias, in plain C. */
static inline int8_t tf_mve_requant_one(const tf_mve_requant *r, int32_t oc, int32_t acc)
{
    return tf_requant_s8(acc + r->bias[oc], r->multiplier[oc], r->shift[oc], r->output_offset, r->act_min,
                         r->act_max);
}

#if defined(__ARM_FEATURE_MVE)
/* The per-channel constants of channels oc..oc+3 (lanes outside p read as 0). */
typedef struct {
    int32x4_t bias, multiplier, left, right;
} tf_mve_qvec;

static inline tf_mve_qvec tf_mve_qvec_load(const tf_mve_requant *r, int32_t oc, mve_pred16_t p)
{
    const int32x4_t zero = vdupq_n_s32(0);
    const int all = p == 0xFFFF; /* a constant after inlining where the caller knows: no VPST then */
    const int32x4_t shift = all ? vldrwq_s32(r->shift + oc) : vldrwq_z_s32(r->shift + oc, p);
    tf_mve_qvec q;
    q.bias = all ? vldrwq_s32(r->bias + oc) : vldrwq_z_s32(r->bias + oc, p);
    q.multiplier = all ? vldrwq_s32(r->multiplier + oc) : vldrwq_z_s32(r->multiplier + oc, p);
    q.left = vmaxq_s32(shift, zero);
    q.right = vminq_s32(shift, zero);
    return q;
}

/* Requantized int32 lanes of acc (bias not yet added), in [act_min, act_max]. */
static inline int32x4_t tf_mve_requant_apply(const tf_mve_requant *r, const tf_mve_qvec *q, int32x4_t acc)
{
    int32x4_t v = vaddq_s32(acc, q->bias);
    v = vshlq_s32(v, q->left);
    v = vqrdmulhq_s32(v, q->multiplier);
    v = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, q->right), 31));
    v = vrshlq_s32(v, q->right);
    v = vaddq_n_s32(v, r->output_offset);
    v = vmaxq_s32(v, vdupq_n_s32(r->act_min));
    return vminq_s32(v, vdupq_n_s32(r->act_max));
}

/* Channels oc..oc+3 (lanes outside p masked off): requantized int32 lanes of acc. */
static inline int32x4_t tf_mve_requant_q(const tf_mve_requant *r, int32_t oc, int32x4_t acc, mve_pred16_t p)
{
    const tf_mve_qvec q = tf_mve_qvec_load(r, oc, p);
    return tf_mve_requant_apply(r, &q, acc);
}

/* Four int32 scalars as one vector: two moves of two general-purpose registers into a doubleword (the low
 * and high halves of the q register); gcc builds it lane by lane, in four. Not MVE's VMOV Qd[2], Qd[0], Rt,
 * Rt2: QEMU 7.2 fills its lanes in the opposite order to gcc's reading of that form (gcc's own vcreateq_u64
 * gives {a2, a3, a0, a1} under QEMU), so it is avoided. */
static inline __attribute__((always_inline)) int32x4_t tf_mve_vec4(int32_t a0, int32_t a1, int32_t a2, int32_t a3)
{
    int32x4_t v;
    __asm__("vmov %e0, %1, %2\n\tvmov %f0, %3, %4" : "=w"(v) : "r"(a0), "r"(a1), "r"(a2), "r"(a3));
    return v;
}
#endif

#if defined(__ARM_FEATURE_MVE)
/* One filter's 16 taps w against pixel u into *a and, with two pixels, against v into *b. */
static inline __attribute__((always_inline)) void tf_mve_mac_filter(int32_t *a, int32_t *b, int8x16_t u, int8x16_t v,
                                                                   int8x16_t w, const int two)
{
    *a = vmladavaq_s8(*a, u, w);
    if (two) *b = vmladavaq_s8(*b, v, w);
}

/* A filter's last 1 to 16 taps: predicated to zero past k in the last block (see tf_mve_rows_block). */
static inline __attribute__((always_inline)) int8x16_t tf_mve_tail_weights(const int8_t *p, mve_pred16_t tail,
                                                                          const int last)
{
    return last ? vldrbq_z_s8(p, tail) : vldrbq_s8(p);
}

/* Output channels oc..oc+3 of one or two pixels (two: x1 != NULL, a constant after inlining): 16 taps per
 * VMLADAVA, the last 1 to 16 from xt0 / xt1 (loaded once per pixel, zeros past k: with k <= 16 there is
 * no loop at all). Not `last`: 4 whole
 * filters each followed by another row, so reading a weight row's partial 16 past k stays in the array
 * and nothing is predicated; `last`: lanes past out_c and weight bytes past k predicated off. */
static inline __attribute__((always_inline)) void tf_mve_rows_block(
    const int8_t *x0, const int8_t *x1, int8x16_t xt0, int8x16_t xt1, const int8_t *w, int32_t k, int32_t oc,
    int32_t out_c, const tf_mve_requant *r, int8_t *y0, int8_t *y1, const int last)
{
    const int32_t full = (k - 1) & ~15, left = out_c - oc;
    const int8_t *w0 = w + oc * k;
    const int8_t *w1 = !last || left > 1 ? w0 + k : w0;
    const int8_t *w2 = !last || left > 2 ? w0 + 2 * k : w0;
    const int8_t *w3 = !last || left > 3 ? w0 + 3 * k : w0;
    const mve_pred16_t tail = vctp8q((uint32_t)(k - full));
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0, i;
    tf_mve_qvec q;
    for (i = 0; i < full; i += 16) {
        const int8x16_t u = vldrbq_s8(x0 + i), v = x1 != NULL ? vldrbq_s8(x1 + i) : u;
        tf_mve_mac_filter(&a0, &b0, u, v, vldrbq_s8(w0 + i), x1 != NULL);
        tf_mve_mac_filter(&a1, &b1, u, v, vldrbq_s8(w1 + i), x1 != NULL);
        tf_mve_mac_filter(&a2, &b2, u, v, vldrbq_s8(w2 + i), x1 != NULL);
        tf_mve_mac_filter(&a3, &b3, u, v, vldrbq_s8(w3 + i), x1 != NULL);
    }
    tf_mve_mac_filter(&a0, &b0, xt0, xt1, tf_mve_tail_weights(w0 + full, tail, last), x1 != NULL);
    tf_mve_mac_filter(&a1, &b1, xt0, xt1, tf_mve_tail_weights(w1 + full, tail, last), x1 != NULL);
    tf_mve_mac_filter(&a2, &b2, xt0, xt1, tf_mve_tail_weights(w2 + full, tail, last), x1 != NULL);
    tf_mve_mac_filter(&a3, &b3, xt0, xt1, tf_mve_tail_weights(w3 + full, tail, last), x1 != NULL);
    if (last) {
        const mve_pred16_t lanes = vctp32q((uint32_t)left);
        q = tf_mve_qvec_load(r, oc, lanes);
        vstrbq_p_s32(y0 + oc, tf_mve_requant_apply(r, &q, tf_mve_vec4(a0, a1, a2, a3)), lanes);
        if (x1 != NULL) vstrbq_p_s32(y1 + oc, tf_mve_requant_apply(r, &q, tf_mve_vec4(b0, b1, b2, b3)), lanes);
    } else {
        q = tf_mve_qvec_load(r, oc, 0xFFFF);
        vstrbq_s32(y0 + oc, tf_mve_requant_apply(r, &q, tf_mve_vec4(a0, a1, a2, a3)));
        if (x1 != NULL) vstrbq_s32(y1 + oc, tf_mve_requant_apply(r, &q, tf_mve_vec4(b0, b1, b2, b3)));
    }
}

/* Every output channel of one or two pixels (x1 NULL: one), 4 filters at a time. */
static inline __attribute__((always_inline)) void tf_mve_rows_any(const int8_t *x0, const int8_t *x1, const int8_t *w,
                                                                 int32_t k, int32_t out_c, const tf_mve_requant *r,
                                                                 int8_t *y0, int8_t *y1)
{
    const int32_t full = (k - 1) & ~15;
    const mve_pred16_t tail = vctp8q((uint32_t)(k - full));
    const int8x16_t xt0 = vldrbq_z_s8(x0 + full, tail);
    const int8x16_t xt1 = x1 != NULL ? vldrbq_z_s8(x1 + full, tail) : xt0;
    int32_t oc = 0;
    for (; oc + 4 < out_c; oc += 4) {
        tf_mve_rows_block(x0, x1, xt0, xt1, w, k, oc, out_c, r, y0, y1, 0);
    }
    tf_mve_rows_block(x0, x1, xt0, xt1, w, k, oc, out_c, r, y0, y1, 1);
}
#endif

/* y[oc] = requant(sum_i w[oc * k + i] * x[i]) for every output channel oc < out_c: one pixel (or im2col
 * column, or FC row) against all filters stored [out_c][k]. MVE: 4 filters at a time (tf_mve_rows_block),
 * the 4 sums requantized together. */
static inline void tf_mve_rows_s8(const int8_t *x, const int8_t *w, int32_t k, int32_t out_c, const tf_mve_requant *r,
                                  int8_t *y)
{
#if defined(__ARM_FEATURE_MVE)
    tf_mve_rows_any(x, NULL, w, k, out_c, r, y, NULL);
#else
    int32_t oc, i;
    for (oc = 0; oc < out_c; ++oc) {
        const int8_t *wr = w + oc * k;
        int32_t acc = 0;
        for (i = 0; i < k; ++i) {
            acc += (int32_t)wr[i] * x[i];
        }
        y[oc] = tf_mve_requant_one(r, oc, acc);
    }
#endif
}

/* tf_mve_rows_s8 for two pixels at once (x0 -> y0, x1 -> y1): each weight load and the requantization
 * constants serve both. */
static inline void tf_mve_rows2_s8(const int8_t *x0, const int8_t *x1, const int8_t *w, int32_t k, int32_t out_c,
                                   const tf_mve_requant *r, int8_t *y0, int8_t *y1)
{
#if defined(__ARM_FEATURE_MVE)
    tf_mve_rows_any(x0, x1, w, k, out_c, r, y0, y1);
#else
    tf_mve_rows_s8(x0, w, k, out_c, r, y0);
    tf_mve_rows_s8(x1, w, k, out_c, r, y1);
#endif
}

#if defined(__ARM_FEATURE_MVE)
/* tf_mve_requant_apply for one output channel oc on 4 accumulators that already hold the bias: the
 * channel's multiplier and shift as scalars (VQRDMULH / VRSHL by a register), each shift skipped when 0
 * (the rounding fix-up is then nothing, as in tf_mve_requant_apply). */
static inline __attribute__((always_inline)) int32x4_t tf_mve_requant_n(const tf_mve_requant *r, int32_t oc, int32x4_t v)
{
    const int32_t shift = r->shift[oc];
    if (shift > 0) {
        v = vshlq_r_s32(v, shift);
    }
    v = vqrdmulhq_n_s32(v, r->multiplier[oc]);
    if (shift < 0) {
        v = vqaddq_s32(v, vshrq_n_s32(v, 31));
        v = vrshlq_n_s32(v, shift);
    }
    v = vaddq_n_s32(v, r->output_offset);
    v = vmaxq_s32(v, vdupq_n_s32(r->act_min));
    return vminq_s32(v, vdupq_n_s32(r->act_max));
}

/* Output channel oc of the 4 pixels held in a..d (k <= 16 taps, zeros past k): one VMLADAV each, plus
 * the folded bias, requantized as one vector of the 4 pixels and scattered to y + j * y_step + oc.
 * whole: the filter's 16-byte load stays inside the weights (nothing predicated). */
static inline __attribute__((always_inline)) void tf_mve_narrow_channel(int8x16_t a, int8x16_t b, int8x16_t c, int8x16_t d,
                                                                       const int8_t *w, int32_t k, int32_t oc,
                                                                       mve_pred16_t tail, const tf_mve_requant *r,
                                                                       uint32x4_t yo, int8_t *y, const int whole)
{
    const int8x16_t wv = whole ? vldrbq_s8(w + oc * k) : vldrbq_z_s8(w + oc * k, tail);
    const int32x4_t v = tf_mve_vec4(vmladavq_s8(a, wv), vmladavq_s8(b, wv), vmladavq_s8(c, wv), vmladavq_s8(d, wv));
    vstrbq_scatter_offset_s32(y + oc, yo, tf_mve_requant_n(r, oc, vaddq_n_s32(v, r->bias[oc])));
}
#endif

/* Every output channel of 4 pixels with k <= 16 input channels (x0..x3), filters stored [out_c][k]:
 * y + j * y_step receives pixel j's out_c outputs. MVE: the 4 pixels' inputs are loaded once (all four
 * before any output is written, so outputs may overlap those inputs), then each filter is one load and
 * 4 VMLADAVA, output channels in increasing order. */
static inline void tf_mve_narrow4_s8(const int8_t *x0, const int8_t *x1, const int8_t *x2, const int8_t *x3,
                                     const int8_t *w, int32_t k, int32_t out_c, const tf_mve_requant *r, int8_t *y,
                                     int32_t y_step)
{
#if defined(__ARM_FEATURE_MVE)
    const mve_pred16_t tail = vctp8q((uint32_t)k);
    const int8x16_t a = vldrbq_z_s8(x0, tail), b = vldrbq_z_s8(x1, tail), c = vldrbq_z_s8(x2, tail),
                    d = vldrbq_z_s8(x3, tail);
    const uint32x4_t yo = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)y_step);
    /* filters oc with oc * k + 16 <= out_c * k read only weight bytes */
    const int32_t safe = out_c * k >= 16 ? (out_c * k - 16) / k + 1 : 0;
    int32_t oc;
    for (oc = 0; oc < safe; ++oc) {
        tf_mve_narrow_channel(a, b, c, d, w, k, oc, tail, r, yo, y, 1);
    }
    for (; oc < out_c; ++oc) {
        tf_mve_narrow_channel(a, b, c, d, w, k, oc, tail, r, yo, y, 0);
    }
#else
    int8_t x[4][16]; /* all four inputs read before any output is written, as with MVE */
    memcpy(x[0], x0, (size_t)k);
    memcpy(x[1], x1, (size_t)k);
    memcpy(x[2], x2, (size_t)k);
    memcpy(x[3], x3, (size_t)k);
    tf_mve_rows_s8(x[0], w, k, out_c, r, y);
    tf_mve_rows_s8(x[1], w, k, out_c, r, y + y_step);
    tf_mve_rows_s8(x[2], w, k, out_c, r, y + 2 * y_step);
    tf_mve_rows_s8(x[3], w, k, out_c, r, y + 3 * y_step);
#endif
}

/* Copies n bytes (MVE: 16 per load/store pair, the last 1 to 15 predicated). */
static inline void tf_mve_copy(int8_t *dst, const int8_t *src, int32_t n)
{
#if defined(__ARM_FEATURE_MVE)
    int32_t i;
    for (i = 0; i + 16 <= n; i += 16) {
        vstrbq_s8(dst + i, vldrbq_s8(src + i));
    }
    if (i < n) {
        const mve_pred16_t p = vctp8q((uint32_t)(n - i));
        vstrbq_p_s8(dst + i, vldrbq_z_s8(src + i, p), p);
    }
#else
    memcpy(dst, src, (size_t)n);
#endif
}

/* Fills n bytes with v. */
static inline void tf_mve_fill(int8_t *dst, int8_t v, int32_t n)
{
#if defined(__ARM_FEATURE_MVE)
    const int8x16_t q = vdupq_n_s8(v);
    int32_t i;
    for (i = 0; i + 16 <= n; i += 16) {
        vstrbq_s8(dst + i, q);
    }
    if (i < n) {
        vstrbq_p_s8(dst + i, q, vctp8q((uint32_t)(n - i)));
    }
#else
    memset(dst, v, (size_t)n);
#endif
}

#if defined(__ARM_FEATURE_MVE)
/* Saturating narrowings (appended by helper misc). tf_mve_narrow16(a, b): int16 lanes sat(a[0]), sat(b[0]),
 * sat(a[1]), sat(b[1]), ... (VQMOVNB then VQMOVNT, in a's own register: each beat writes only the bytes it has
 * read); tf_mve_narrow8(a, b) the same from 16 to 8 bits. One asm each: gcc's intrinsics tie the destination to an
 * input it keeps and add a VORR copy per narrowing. */
static inline __attribute__((always_inline)) int16x8_t tf_mve_narrow16(int32x4_t a, int32x4_t b)
{
    int16x8_t n = vreinterpretq_s16_s32(a);
    __asm__("vqmovnb.s32 %q0, %q0\n\tvqmovnt.s32 %q0, %q1" : "+w"(n) : "w"(b));
    return n;
}

static inline __attribute__((always_inline)) int8x16_t tf_mve_narrow8(int16x8_t a, int16x8_t b)
{
    int8x16_t n = vreinterpretq_s8_s16(a);
    __asm__("vqmovnb.s16 %q0, %q0\n\tvqmovnt.s16 %q0, %q1" : "+w"(n) : "w"(b));
    return n;
}
#endif

#endif
