/* CONV_2D int8 1x1, stride 1, no padding, no groups, for Helium (MVE), specialized per layer: the compiler
 * emits a static function per layer that calls tf_conv_s8_1x1_mve_body with the pixel count, input and
 * output channel counts, in-place flag and the layer's kind of shifts as literal constants, so gcc unrolls
 * the tap loop and folds every offset. Folded bias (common/tf_mve_s8.h): raw input bytes are multiplied.
 *
 * Two pixels at a time against 4 filters at a time (8 VMLADAVA per 16 input channels, 16 MACs each; input
 * channels past in_c read as 0 from a predicated load, so a filter's partial last 16 bytes need no
 * predication except for the very last filter); the 4 sums of a pixel requantized as one vector with the
 * 4 channels' constants, which serve both pixels.
 *
 * Order and bytes (in_place: out == in, the output at the input's first byte): pixels two at a time; in
 * place, last pair first when out_c > in_c and first pair first otherwise (as tf_conv_s8_1x1_inplace), each
 * pair's input bytes in registers (up to TF_PW_REG_IN channels) or copied to the stack before any of its
 * outputs is written. Out of place: a pair's
 * outputs are written after its inputs are read for the 4 channels concerned, so a pair's outputs may
 * overlap nothing but inputs of pixels already done (PixelWindows' unit of 4 pixels covers a pair).
 * Portable C where __ARM_FEATURE_MVE is absent, same results as tf_conv_s8_nhwc with the unfolded bias. */
#ifndef CONV_S8_1X1_MVE_BODY_H
#define CONV_S8_1X1_MVE_BODY_H

#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* The layer's shifts (a constant argument): any sign, all negative (right shifts only), or all <= 0. */
#define TF_PW_SHIFT_ANY 0
#define TF_PW_SHIFT_NEGATIVE 1
#define TF_PW_SHIFT_NONPOSITIVE 2
/* Or'ed into the kind: act_min >= output_offset (a fused RELU / RELU6), where the rounding fix-up of the right
 * shift changes nothing (conv_s8_1x1_narrow_mve_body.h says why) and is left out. */
#define TF_PW_RELU 4
/* Input channels up to which the body applies (its pair copy on the stack: 2 x this). */
#define TF_PW_MAX_IN 512
/* Input channels up to which a pair's inputs are held in registers (no copy in place; portable C copies). */
#define TF_PW_REG_IN 32
#if defined(__ARM_FEATURE_MVE)
#define TF_PW_HAS_MVE 1
#else
#define TF_PW_HAS_MVE 0
#endif

#if defined(__ARM_FEATURE_MVE)
/* Output channels oc..oc+3 (fewer when last) of pixels x0 -> y0 and, when two, x1 -> y1. */
static inline __attribute__((always_inline)) void tf_pw_mve_block(const tf_mve_requant *r, const int8_t *filter,
                                                                 const int8_t *x0, const int8_t *x1, const int8x16_t *xr0,
                                                                 const int8x16_t *xr1, int8_t *y0, int8_t *y1,
                                                                 const int32_t K, const int32_t OC, int32_t oc, const int two,
                                                                 const int last, const int kind)
{
    const int32_t left = OC - oc;
    const int8_t *w0 = filter + oc * K;
    const int8_t *w1 = !last || left > 1 ? w0 + K : w0;
    const int8_t *w2 = !last || left > 2 ? w0 + 2 * K : w0;
    const int8_t *w3 = !last || left > 3 ? w0 + 3 * K : w0;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0, i;
    const mve_pred16_t lanes = last ? vctp32q((uint32_t)left) : 0xFFFF;
    const int shifts = kind & 3, relu = kind & TF_PW_RELU;
    int32x4_t bias, mult, shift, v;
#pragma GCC unroll 4
    for (i = 0; i < K; i += 16) {
        /* partial: the last 1 to 15 input channels (zeros past K); the weights' bytes past the row then
         * belong to the next filter (multiplied by 0), or past the array for the last one (predicated) */
        const int partial = i + 16 > K;
        const mve_pred16_t p = vctp8q((uint32_t)(K - i));
        /* the inputs: in registers (xr0/xr1, K <= TF_PW_REG_IN) or loaded here */
        const int8x16_t u = xr0 != NULL ? xr0[i / 16] : partial ? vldrbq_z_s8(x0 + i, p) : vldrbq_s8(x0 + i);
        const int8x16_t t = !two ? u : xr1 != NULL ? xr1[i / 16] : partial ? vldrbq_z_s8(x1 + i, p) : vldrbq_s8(x1 + i);
#define TF_PW_W(ptr) (partial && last ? vldrbq_z_s8((ptr) + i, p) : vldrbq_s8((ptr) + i))
#define TF_PW_MAC(acc, x, w) (acc = i == 0 ? vmladavq_s8((x), (w)) : vmladavaq_s8(acc, (x), (w)))
        int8x16_t wv = TF_PW_W(w0);
        TF_PW_MAC(a0, u, wv);
        if (two) TF_PW_MAC(b0, t, wv);
        wv = TF_PW_W(w1);
        TF_PW_MAC(a1, u, wv);
        if (two) TF_PW_MAC(b1, t, wv);
        wv = TF_PW_W(w2);
        TF_PW_MAC(a2, u, wv);
        if (two) TF_PW_MAC(b2, t, wv);
        wv = TF_PW_W(w3);
        TF_PW_MAC(a3, u, wv);
        if (two) TF_PW_MAC(b3, t, wv);
#undef TF_PW_MAC
#undef TF_PW_W
    }
    bias = last ? vldrwq_z_s32(r->bias + oc, lanes) : vldrwq_s32(r->bias + oc);
    mult = last ? vldrwq_z_s32(r->multiplier + oc, lanes) : vldrwq_s32(r->multiplier + oc);
    shift = last ? vldrwq_z_s32(r->shift + oc, lanes) : vldrwq_s32(r->shift + oc);
#define TF_PW_REQUANT(v)                                                                          \
    do {                                                                                          \
        v = vaddq_s32(v, bias);                                                                   \
        if (shifts == TF_PW_SHIFT_ANY) v = vshlq_s32(v, vmaxq_s32(shift, vdupq_n_s32(0)));        \
        v = vqrdmulhq_s32(v, mult);                                                               \
        if (shifts == TF_PW_SHIFT_NEGATIVE) {                                                     \
            if (!relu) v = vqaddq_s32(v, vshrq_n_s32(v, 31));                                     \
            v = vrshlq_s32(v, shift);                                                             \
        } else {                                                                                  \
            const int32x4_t right = shifts == TF_PW_SHIFT_ANY ? vminq_s32(shift, vdupq_n_s32(0)) : shift; \
            if (!relu) v = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, right), 31));                   \
            v = vrshlq_s32(v, right);                                                             \
        }                                                                                         \
        v = vaddq_n_s32(v, r->output_offset);                                                     \
        v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(r->act_min)), vdupq_n_s32(r->act_max));            \
    } while (0)
    v = tf_mve_vec4(a0, a1, a2, a3);
    TF_PW_REQUANT(v);
    if (last) vstrbq_p_s32(y0 + oc, v, lanes); else vstrbq_s32(y0 + oc, v);
    if (two) {
        v = tf_mve_vec4(b0, b1, b2, b3);
        TF_PW_REQUANT(v);
        if (last) vstrbq_p_s32(y1 + oc, v, lanes); else vstrbq_s32(y1 + oc, v);
    }
#undef TF_PW_REQUANT
}

/* Every output channel of one or two pixels; with K <= TF_PW_REG_IN their inputs are loaded into
 * registers first (before any output is written: x0/x1 may then lie under y0/y1). */
static inline __attribute__((always_inline)) void tf_pw_mve_pixels(const tf_mve_requant *r, const int8_t *filter,
                                                                  const int8_t *x0, const int8_t *x1, int8_t *y0, int8_t *y1,
                                                                  const int32_t K, const int32_t OC, const int two,
                                                                  const int kind)
{
    int8x16_t xr0[2], xr1[2];
    const int in_regs = K <= TF_PW_REG_IN;
    int32_t oc = 0, i;
    if (in_regs) {
        for (i = 0; i < K; i += 16) {
            const mve_pred16_t p = vctp8q((uint32_t)(K - i));
            xr0[i / 16] = i + 16 > K ? vldrbq_z_s8(x0 + i, p) : vldrbq_s8(x0 + i);
            xr1[i / 16] = !two ? xr0[i / 16] : i + 16 > K ? vldrbq_z_s8(x1 + i, p) : vldrbq_s8(x1 + i);
        }
    }
    for (; oc + 4 < OC; oc += 4) {
        tf_pw_mve_block(r, filter, x0, x1, in_regs ? xr0 : NULL, in_regs ? xr1 : NULL, y0, y1, K, OC, oc, two, 0, kind);
    }
    if (OC % 4 == 0) {
        tf_pw_mve_block(r, filter, x0, x1, in_regs ? xr0 : NULL, in_regs ? xr1 : NULL, y0, y1, K, OC, oc, two, 0, kind);
    } else {
        tf_pw_mve_block(r, filter, x0, x1, in_regs ? xr0 : NULL, in_regs ? xr1 : NULL, y0, y1, K, OC, oc, two, 1, kind);
    }
}
#endif

/* The layer: pixels * K input bytes at in, pixels * OC output bytes at out (out == in when in_place).
 * Pixels, K (<= TF_PW_MAX_IN), OC, in_place and kind are constants at the call. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_mve_body(const tf_conv_params *params,
                                                                         const tf_per_channel_quant *quant,
                                                                         const int8_t *filter, const int32_t *folded_bias,
                                                                         const int8_t *in, int8_t *out, const int32_t pixels,
                                                                         const int32_t K, const int32_t OC,
                                                                         const int in_place, const int kind)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int last_first = in_place && OC > K;
    int8_t pair[2 * TF_PW_MAX_IN];
    int32_t k;
    (void)kind;
    for (k = 0; k + 2 <= pixels; k += 2) {
        const int32_t a = last_first ? pixels - 2 - k : k;
        const int8_t *x = in + a * K;
        if (in_place && (K > TF_PW_REG_IN || !TF_PW_HAS_MVE)) {
            tf_mve_copy(pair, x, 2 * K);
            x = pair;
        }
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, x, x + K, out + a * OC, out + (a + 1) * OC, K, OC, 1, kind);
#else
        tf_mve_rows2_s8(x, x + K, filter, K, OC, &rq, out + a * OC, out + (a + 1) * OC);
#endif
    }
    if (k < pixels) {
        const int32_t a = last_first ? 0 : pixels - 1;
        const int8_t *x = in + a * K;
        if (in_place && (K > TF_PW_REG_IN || !TF_PW_HAS_MVE)) {
            tf_mve_copy(pair, x, K);
            x = pair;
        }
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, x, x, out + a * OC, out + a * OC, K, OC, 0, kind);
#else
        tf_mve_rows_s8(x, filter, K, OC, &rq, out + a * OC);
#endif
    }
}

#endif
