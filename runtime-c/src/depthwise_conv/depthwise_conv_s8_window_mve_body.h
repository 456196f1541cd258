/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, dilation 1, one image, for Helium (MVE) on small
 * images, specialized per layer: the compiler emits a static function per layer that calls
 * tf_dw_window_mve_body with the shapes, strides and padding as literal constants (see
 * dev.tinyforge.backend.c.emitters.MveDepthwise#window). Taps in lanes, one channel at a time: every output
 * pixel's filter window is one run of bytes in the channel's padded plane, so its sum is one VMLADAV.S8
 * (16 taps) per 16 bytes of the run (a 3x3 filter on a 5x5 image: one).
 *
 *  - Padded plane, per channel: image rows of W pixels followed by P = max(pad left, pad right) padding bytes
 *    (row stride WP = W + P, at least KW: a row's right padding is the next row's left padding), padding rows
 *    above and below (and the image rows no window reaches), every padding byte the input zero point. Pixel
 *    (iy, ix) lies at PL + (iy + PT) * WP + ix, so the window of output (oy, ox) starts at oy * SH * WP + ox * SW
 *    and its tap (fy, fx) is fy * WP + fx further.
 *  - Folded bias (common/tf_mve_s8.h): the sums run on the stored bytes and start from bias + input_offset *
 *    sum of the channel's taps; a padding tap reads the zero point (x + input_offset == 0), which TFLM skips.
 *  - Row runs (tf_dww_run): where the filter rows inside the image fit fewer chunks than the whole filter (a
 *    large filter near the top or bottom), an output row's run starts at its first such row (byte A of the
 *    window) and takes K < CH chunks; the rows it leaves out read only padding. The compiler then gives the bias
 *    per channel and output row: bias + input_offset * the sum of the weights the run covers.
 *  - A group of 8 channels: each input pixel's 8 bytes (one VLDRB.S16) go to the 8 planes with one VSTRB.16
 *    scatter; the padding bytes are written once per layer and never overwritten.
 *  - Per channel, blocks of 8 output pixels: each 16 bytes of a window one VLDRB and one VMLADAV(A) against
 *    the channel's weights, the 8 sums moved into two vectors and requantized 8 at once (tf_dww_store8), stored
 *    with one VSTRB.16 scatter (the 8 pixels C bytes apart); the last OH * OW % 8 outputs of the group's 8
 *    channels requantized per pixel across the channels (tf_dww_store_channels).
 *
 * The filter comes rearranged by the compiler: channel c's weight of tap (fy, fx) at
 * filter[c * WS + fy * WP + fx] (WS: 16 * CH, CH = ceil(((KH - 1) * WP + KW) / 16), or what the row runs reach),
 * zeros elsewhere. Byte contract: a group's input bytes are all copied before any of its outputs is written, and
 * a group writes only its own channels: so out == in (in place) is safe. Stack: 8 planes of TF_DWW_MAX_PLANE
 * bytes. Portable C where __ARM_FEATURE_MVE is absent (the same sums and requantization, one channel at a time). */
#ifndef DEPTHWISE_CONV_S8_WINDOW_MVE_BODY_H
#define DEPTHWISE_CONV_S8_WINDOW_MVE_BODY_H

#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* Bytes of one channel's plane (with the bytes the last window's 16-byte loads reach past it), input pixels. */
#define TF_DWW_MAX_PLANE 320
#define TF_DWW_MAX_PIXELS 100
/* The layer's shifts (a constant argument): any sign, all negative (right shifts only), or all <= 0. */
#define TF_DWW_SHIFT_ANY 0
#define TF_DWW_SHIFT_NEGATIVE 1
#define TF_DWW_SHIFT_NONPOSITIVE 2

/* The plane's row stride WP, 16-byte chunks per window CH and bytes per channel plane PS of a layer (constants
 * after inlining; MveDepthwise.windowGeometry computes the same). */
#define TF_DWW_PAD_RIGHT(W, KW, SW, PL, OW) ((OW - 1) * SW + KW - PL - W > 0 ? (OW - 1) * SW + KW - PL - W : 0)
#define TF_DWW_WP0(W, KW, SW, PL, OW) (W + (PL > TF_DWW_PAD_RIGHT(W, KW, SW, PL, OW) ? PL : TF_DWW_PAD_RIGHT(W, KW, SW, PL, OW)))
#define TF_DWW_WP(W, KW, SW, PL, OW) (TF_DWW_WP0(W, KW, SW, PL, OW) > KW ? TF_DWW_WP0(W, KW, SW, PL, OW) : KW)
/* Output pixels up to which the row runs' sums fit their stack buffer. */
#define TF_DWW_MAX_OUT 100

/* Output row oy's run (MveDepthwise.windowRuns computes the same): the filter rows inside the image, fy0 to
 * fy1 - 1, from byte *A = fy0 * WP of the window in *K chunks when that is fewer than CH; else the whole window. */
static inline __attribute__((always_inline)) void tf_dww_run(const int32_t oy, const int32_t H, const int32_t KH,
                                                            const int32_t KW, const int32_t SH, const int32_t PT,
                                                            const int32_t WP, const int32_t CH, int32_t *A, int32_t *K)
{
    const int32_t top = PT - oy * SH, bottom = H + PT - oy * SH;
    const int32_t fy0 = top > 0 ? top : 0, fy1 = bottom < KH ? bottom : KH;
    const int32_t k = ((fy1 - 1) * WP + KW - fy0 * WP + 15) / 16;
    *A = fy1 > fy0 && k < CH ? fy0 * WP : 0;
    *K = fy1 > fy0 && k < CH ? k : CH;
}

/* Whether the layer takes row runs (RUNS, the compiler's choice, a constant) and some output row has a shorter
 * one; and the weights' bytes per channel (16 * CH, or what the runs reach). */
static inline __attribute__((always_inline)) int32_t tf_dww_runs(const int32_t OH, const int32_t H, const int32_t KH,
                                                                const int32_t KW, const int32_t SH, const int32_t PT,
                                                                const int32_t WP, const int32_t CH, const int RUNS,
                                                                int32_t *WS)
{
    int32_t oy, any = 0, A, K;
    *WS = 16 * CH;
    for (oy = 0; RUNS && oy < OH; ++oy) {
        tf_dww_run(oy, H, KH, KW, SH, PT, WP, CH, &A, &K);
        any |= K < CH;
        *WS = A + 16 * K > *WS ? A + 16 * K : *WS;
    }
    return any;
}

#if defined(__ARM_FEATURE_MVE)
/* Requantizes 8 sums of one channel (a: pixels 0, 2, 4, 6, b: 1, 3, 5, 7, the folded bias not yet added) and
 * stores them with one VSTRB.16 scatter to y + yo[k] (pixel k). tf_mve_requant_apply's steps with the channel's
 * constants as scalars; then VQMOVNB / VQMOVNT to int16 (saturating, pixels back in order), VQADD.S16 of the
 * output offset (saturating) and the clamp on 8 lanes: act_min and act_max lie in int8, so a saturated value
 * clamps like the int32 one; this differs from the reference only where its int32 add of the output offset would
 * overflow (|v| > 2^31 - 129, impossible after a right shift). fix: -1 where the channel shifts right (the
 * rounding fix-up's mask). bias: 0 (a constant) where the sums already hold it. */
static inline __attribute__((always_inline)) int32x4_t tf_dww_scale4(int32x4_t a, int32_t bias, int32_t mult,
                                                                    int32_t shift, int32x4_t fix, const int kind)
{
    if (!__builtin_constant_p(bias) || bias != 0) a = vaddq_n_s32(a, bias); /* a constant 0 where the sums hold it */
    if (kind == TF_DWW_SHIFT_ANY) a = vshlq_r_s32(a, shift > 0 ? shift : 0);
    a = vqrdmulhq_n_s32(a, mult);
    a = vqaddq_s32(a, kind == TF_DWW_SHIFT_NEGATIVE ? vshrq_n_s32(a, 31) : vandq_s32(vshrq_n_s32(a, 31), fix));
    return vrshlq_n_s32(a, kind == TF_DWW_SHIFT_NEGATIVE ? shift : shift < 0 ? shift : 0);
}

static inline __attribute__((always_inline)) void tf_dww_store8(int8_t *y, uint16x8_t yo, int32x4_t a, int32x4_t b,
                                                               int32_t bias, int32_t mult, int32_t shift, int32x4_t fix,
                                                               int16_t zp, int16x8_t lo, int16x8_t hi, const int kind)
{
    a = tf_dww_scale4(a, bias, mult, shift, fix, kind);
    b = tf_dww_scale4(b, bias, mult, shift, fix, kind);
    int16x8_t v = tf_mve_narrow16(a, b);
    vstrbq_scatter_offset_s16(y, yo, vminq_s16(vmaxq_s16(vqaddq_n_s16(v, zp), lo), hi));
}
#endif

#if defined(__ARM_FEATURE_MVE)
/* The window sum of output q: K chunks of 16 plane bytes from byte A of its window against the weights wv[0..K-1]
 * (held in registers), added to init where add (a constant). The empty asm with a memory clobber keeps the outputs in order: gcc would
 * otherwise hoist the next outputs' loads (a different address each) above it and run out of registers. */
static inline __attribute__((always_inline)) int32_t tf_dww_sum(const int8_t *pl, const int8x16_t *wv, const int32_t q,
                                                               const int32_t OW, const int32_t ROW, const int32_t SW,
                                                               const int32_t A, const int32_t K, int32_t init,
                                                               const int add)
{
    const int8_t *x = pl + (q / OW) * ROW + (q % OW) * SW + A;
    int32_t s, j;
    /* several chunks: one address per window, else gcc keeps the chunks' addresses live across windows */
    if (K > 1 && add) {
        __asm__ volatile("" : "+r"(x)); /* row runs: windows of different rows may share an address */
    } else if (K > 1) {
        __asm__("" : "+r"(x));
    }
    s = add ? vmladavaq_s8(init, vldrbq_s8(x), wv[0]) : vmladavq_s8(vldrbq_s8(x), wv[0]);
#pragma GCC unroll 8
    for (j = 1; j < K; ++j) {
        s = vmladavaq_s8(s, vldrbq_s8(x + 16 * j), wv[j]);
    }
    __asm__ volatile("" : "+r"(s) : : "memory");
    return s;
}

/* Two sums as the low (first) doubleword of a vector (the high one undefined) or the high one of v. */
static inline __attribute__((always_inline)) int32x4_t tf_dww_low(int32_t x, int32_t y)
{
    int32x4_t v;
    __asm__("vmov %e0, %1, %2" : "=w"(v) : "r"(x), "r"(y));
    return v;
}

static inline __attribute__((always_inline)) int32x4_t tf_dww_high(int32x4_t v, int32_t x, int32_t y)
{
    __asm__("vmov %f0, %1, %2" : "+w"(v) : "r"(x), "r"(y));
    return v;
}

/* The window sums of outputs p0 .. p0 + 7 (ROW: plane bytes per output row) as *a (outputs p0, p0 + 2, p0 + 4,
 * p0 + 6) and *b (the odd ones), each pair moved into its vector as soon as it is summed: VMLADAV writes even
 * registers only, of which few are free. */
#define TF_DWW_SUM(k) tf_dww_sum(pl, wv, p0 + (k), OW, ROW, SW, 0, CH, 0, 0)
static inline __attribute__((always_inline)) void tf_dww_sums8(const int8_t *pl, const int8x16_t *wv, int32x4_t *a,
                                                              int32x4_t *b, const int32_t p0, const int32_t OW,
                                                              const int32_t ROW, const int32_t SW, const int32_t CH)
{
    int32_t s0, s1;
    s0 = TF_DWW_SUM(0);
    s1 = TF_DWW_SUM(2);
    *a = tf_dww_low(s0, s1);
    s0 = TF_DWW_SUM(4);
    s1 = TF_DWW_SUM(6);
    *a = tf_dww_high(*a, s0, s1);
    s0 = TF_DWW_SUM(1);
    s1 = TF_DWW_SUM(3);
    *b = tf_dww_low(s0, s1);
    s0 = TF_DWW_SUM(5);
    s1 = TF_DWW_SUM(7);
    *b = tf_dww_high(*b, s0, s1);
}
#undef TF_DWW_SUM

/* tf_dww_scale4 with per-lane constants (four channels), on sums that hold the bias. */
static inline __attribute__((always_inline)) int32x4_t tf_dww_scale4v(int32x4_t a, int32x4_t mult, int32x4_t shift,
                                                                     const int kind)
{
    const int32x4_t right = vminq_s32(shift, vdupq_n_s32(0));
    if (kind == TF_DWW_SHIFT_ANY) a = vshlq_s32(a, vmaxq_s32(shift, vdupq_n_s32(0)));
    a = vqrdmulhq_s32(a, mult);
    /* right < 0: its sign as the fix-up's mask */
    a = vqaddq_s32(a, kind == TF_DWW_SHIFT_NEGATIVE ? vshrq_n_s32(a, 31) : vandq_s32(vshrq_n_s32(a, 31), vshrq_n_s32(right, 31)));
    return vrshlq_s32(a, right);
}

/* The group's 8 channels (c .. c + 7) of one output pixel: sums t[0..3] of the even channels, t[4..7] of the odd
 * ones, plus bias[c + k] where bias != NULL (else the sums hold it), requantized with per-lane constants and
 * stored to y[0..7] (contiguous). */
static inline __attribute__((always_inline)) void tf_dww_store_channels(int8_t *y, const int32_t *t, const int32_t *bias,
                                                                       const tf_per_channel_quant *quant, int32_t c,
                                                                       int16_t zp, int16x8_t lo, int16x8_t hi,
                                                                       const int kind)
{
    const uint32x4_t even = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
    int32x4_t a = vldrwq_s32(t), b = vldrwq_s32(t + 4);
    int16x8_t v;
    if (bias != NULL) {
        a = vaddq_s32(a, vldrwq_gather_shifted_offset_s32(bias + c, even));
        b = vaddq_s32(b, vldrwq_gather_shifted_offset_s32(bias + c, odd));
    }
    a = tf_dww_scale4v(a, vldrwq_gather_shifted_offset_s32(quant->multiplier + c, even),
                       vldrwq_gather_shifted_offset_s32(quant->shift + c, even), kind);
    b = tf_dww_scale4v(b, vldrwq_gather_shifted_offset_s32(quant->multiplier + c, odd),
                       vldrwq_gather_shifted_offset_s32(quant->shift + c, odd), kind);
    v = tf_mve_narrow16(a, b);
    vstrbq_s16(y, vminq_s16(vmaxq_s16(vqaddq_n_s16(v, zp), lo), hi));
}
#endif

/* kind: TF_DWW_SHIFT_ANY, _NEGATIVE (every shift < 0) or _NONPOSITIVE (every shift <= 0), a constant. RUNS: 1
 * where the compiler chose row runs (MveDepthwise.windowRunsPay), else 0.
 * bias: the folded bias (bias + input_offset * sum of the channel's taps) per channel, or with row runs
 * (tf_dww_runs) per channel and output row, bias[c * OH + oy]: bias + input_offset * the weights its run covers. */
static inline __attribute__((always_inline)) void tf_dw_window_mve_body(
    const tf_dw_conv_params *params, const tf_per_channel_quant *quant, const int8_t *filter, const int32_t *bias,
    const int8_t *in, int8_t *out, const int32_t H, const int32_t W, const int32_t C, const int32_t KH, const int32_t KW,
    const int32_t SH, const int32_t SW, const int32_t PT, const int32_t PL, const int32_t OH, const int32_t OW,
    const int kind, const int RUNS)
{
    const int32_t WP = TF_DWW_WP(W, KW, SW, PL, OW);
    const int32_t CH = ((KH - 1) * WP + KW + 15) / 16;
    const int8_t zp_in = (int8_t)(-params->input_offset);
    int32_t WS;
    const int32_t runs = tf_dww_runs(OH, H, KH, KW, SH, PT, WP, CH, RUNS, &WS);
    int32_t c;
#if defined(__ARM_FEATURE_MVE)
    /* one plane's bytes: the padded rows, and the 16-byte loads of the last window */
    const int32_t rows = ((OH - 1) * SH + KH > PT + H ? (OH - 1) * SH + KH : PT + H) * WP + PL;
    const int32_t reach = (OH - 1) * SH * WP + (OW - 1) * SW + WS;
    const int32_t PS = rows > reach ? rows : reach;
    const uint16x8_t po = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)PS);
    const uint16x8_t yo = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)C);
    const int16x8_t lo = vdupq_n_s16((int16_t)params->activation.min), hi = vdupq_n_s16((int16_t)params->activation.max);
    const int16_t zp_out = (int16_t)params->output_offset;
    int8_t planes[8 * TF_DWW_MAX_PLANE];
    int32_t p;
    tf_mve_fill(planes, zp_in, 8 * PS);
    for (c = 0; c < C; c += 8) {
        int32_t i, tails[8 * 8];
#pragma GCC unroll 100
        for (p = 0; p < H * W; ++p) {
            vstrbq_scatter_offset_s16(planes + PL + (p / W + PT) * WP + p % W, po, vldrbq_s16(in + p * C + c));
        }
        for (i = 0; i < 8; ++i) {
            const int8_t *pl = planes + i * PS, *wc = filter + (c + i) * WS;
            int8_t *y = out + c + i;
            const int32_t mult = quant->multiplier[c + i], shift = quant->shift[c + i];
            const int32x4_t fix = kind == TF_DWW_SHIFT_NEGATIVE ? vdupq_n_s32(0) : vdupq_n_s32(shift < 0 ? -1 : 0);
            int8x16_t wv[8];
            int32_t p0, j;
            /* the plane's address opaque: else gcc keeps one induction variable per window address (spilled) */
            __asm__("" : "+r"(pl), "+r"(y));
            if (!runs) {
                const int32_t b = bias[c + i];
#pragma GCC unroll 8
                for (j = 0; j < CH; ++j) {
                    wv[j] = vldrbq_s8(wc + 16 * j);
                }
#pragma GCC unroll 16
                for (p0 = 0; p0 + 8 <= OH * OW; p0 += 8) {
                    int32x4_t sa, sb;
                    tf_dww_sums8(pl, wv, &sa, &sb, p0, OW, SH * WP, SW, CH);
                    tf_dww_store8(y + p0 * C, yo, sa, sb, b, mult, shift, fix, zp_out, lo, hi, kind);
                }
                /* the last OH * OW % 8 outputs: kept for the group's per-pixel requantization */
#pragma GCC unroll 8
                for (; p0 < OH * OW; ++p0) {
                    tails[(p0 % 8) * 8 + (i % 2) * 4 + i / 2] = tf_dww_sum(pl, wv, p0, OW, SH * WP, SW, 0, CH, 0, 0);
                }
            } else {
                /* row by row, each row's weights loaded once; the sums (with the bias) to a buffer in the order
                 * tf_dww_store8 takes them */
                int32_t sums[TF_DWW_MAX_OUT], oy, ox;
                const int32_t *bo = bias + (c + i) * OH;
#pragma GCC unroll 10
                for (oy = 0; oy < OH; ++oy) {
                    int32_t A, K;
                    tf_dww_run(oy, H, KH, KW, SH, PT, WP, CH, &A, &K);
#pragma GCC unroll 8
                    for (j = 0; j < K; ++j) {
                        wv[j] = vldrbq_s8(wc + A + 16 * j);
                    }
#pragma GCC unroll 10
                    for (ox = 0; ox < OW; ++ox) {
                        const int32_t q = oy * OW + ox;
                        const int32_t v = tf_dww_sum(pl, wv, q, OW, SH * WP, SW, A, K, bo[oy], 1);
                        if (q < OH * OW / 8 * 8) {
                            sums[q / 8 * 8 + (q % 2) * 4 + q % 8 / 2] = v;
                        } else {
                            tails[(q % 8) * 8 + (i % 2) * 4 + i / 2] = v;
                        }
                    }
                }
#pragma GCC unroll 16
                for (p0 = 0; p0 + 8 <= OH * OW; p0 += 8) {
                    tf_dww_store8(y + p0 * C, yo, vldrwq_s32(sums + p0), vldrwq_s32(sums + p0 + 4), 0, mult, shift,
                                  fix, zp_out, lo, hi, kind);
                }
            }
        }
#pragma GCC unroll 8
        for (p = OH * OW / 8 * 8; p < OH * OW; ++p) {
            tf_dww_store_channels(out + p * C + c, tails + (p % 8) * 8, runs ? NULL : bias, quant, c, zp_out, lo, hi,
                                  kind);
        }
    }
#else
    int8_t x[TF_DWW_MAX_PIXELS];
    int32_t oy, ox, p;
    (void)kind;
    for (c = 0; c < C; ++c) {
        const int8_t *wc = filter + c * WS;
        for (p = 0; p < H * W; ++p) {
            x[p] = in[p * C + c]; /* the channel's inputs before any of its outputs is written */
        }
        for (oy = 0; oy < OH; ++oy) {
            int32_t A = 0, K = CH;
            if (runs) tf_dww_run(oy, H, KH, KW, SH, PT, WP, CH, &A, &K);
            for (ox = 0; ox < OW; ++ox) {
                /* the taps of the run, bytes A .. A + 16 K - 1 of the window */
                int32_t acc = runs ? bias[c * OH + oy] : bias[c], t;
                for (t = A; t < A + 16 * K; ++t) {
                    const int32_t fy = t / WP, fx = t % WP;
                    const int32_t iy = oy * SH - PT + fy, ix = ox * SW - PL + fx;
                    if (fy < KH && fx < KW) {
                        const int8_t v = iy >= 0 && iy < H && ix >= 0 && ix < W ? x[iy * W + ix] : zp_in;
                        acc += (int32_t)wc[t] * v;
                    }
                }
                out[(oy * OW + ox) * C + c] = tf_requant_s8(acc, quant->multiplier[c], quant->shift[c],
                                                            params->output_offset, params->activation.min,
                                                            params->activation.max);
            }
        }
    }
#endif
}

#endif
