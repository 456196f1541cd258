/* CONV_2D int8 with a 1x1 filter, specialized per layer (DspPointwiseKernels in the compiler): model.c declares
 * one static function per layer that calls tf_conv_s8_1x1_dsp_layer or tf_conv_s8_1x1_inplace_dsp_layer with the
 * layer's shapes, strides and activation bounds as literal constants, so gcc unrolls the channel loops and drops
 * every branch that does not apply. Same results as tf_conv_s8_nhwc (bit-exact with TFLite).
 *
 * Compile-time tables (built by the compiler):
 *   weights  int32 words, per pair of output channels (2k, 2k+1) and group g of 4 input channels the word of
 *            channel 2k's 4 weights then channel 2k+1's (one LDRD fetches both); a group past in_c and the
 *            channel after an odd last one are zero. Same flash as the OHWI bytes when in_c % 4 == 0 and
 *            out_c is even.
 *   chans    per output channel tf_conv_1x1_dsp_chan: the bias with input_offset * (sum of the channel's
 *            weights) folded in (int32, wrapping like the accumulator, so the raw input bytes are multiplied
 *            and the result is the same int32), and tf_rshift_quant_of's constants with the output offset
 *            folded into round_hi (see tf_dsp_chan_of in common/tf_dsp_s8.h for why that is exact). Needs every
 *            shift in [-24, -1].
 *
 * Order (the memory planner relies on it): out of place, tiles of 4 consecutive output pixels in ascending
 * row-major order (PixelWindows' CONV_BLOCK, so an overlapped layer stays safe); in place (POINTWISE_PIXELS,
 * stride 1), tiles of 4 pixels ascending when out_c <= in_c and descending when wider. Every input byte of a
 * tile is read (into int16 columns on the stack) before any of its outputs is written, the same argument as
 * tf_conv_s8_1x1_inplace_dsp's: ascending, a tile's outputs end at (p + 4) * out_c <= (p + 4) * in_c, where the
 * inputs still unread begin; descending, the unread inputs end at p * in_c <= p * out_c, where its outputs
 * begin. Without __ARM_FEATURE_DSP (host builds) a portable body computes the same bytes in the same order,
 * one pixel at a time. */
#ifndef TF_CONV_S8_1X1_DSP_BODY_H
#define TF_CONV_S8_1X1_DSP_BODY_H

#include <stdint.h>
#include <string.h>
#include "tf_types.h"
#include "tf_quant.h"
#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"
#endif

/* Most input channels: the tile's int16 columns take 8 * in_c bytes of stack. */
#define TF_CONV_1X1_DSP_LAYER_MAX_C 512

/* One output channel's constants (see the header comment). */
typedef struct {
    int32_t bias;       /* folded bias; doubled when the layer doubles its input columns (DOUBLE below) */
    int32_t multiplier; /* TFLite's, in [2^30, 2^31) (or 0) */
    int32_t add;        /* 2^(e-1) + output_offset * 2^e */
    int32_t shift;      /* e = -TFLite shift, in [1, 31] */
} tf_conv_1x1_dsp_chan;

/* clamp(MBQM(acc) + output_offset) from 2 * acc: with v = SaturatingRoundingDoublingHighMul(acc, M)
 * = floor((acc * M + 2^30) / 2^31) = floor((2acc * M + 2^31) / 2^32) (SMMULR; TFLite's negative nudge with a
 * truncating division gives the same floor), RoundingDivideByPOT(v, e) = floor((v + 2^(e-1) - [v < 0]) / 2^e)
 * and -[v < 0] = v >> 31, so MBQM(acc) + offset = (v + (v >> 31) + add) >> e. The compiler checks that 2 * acc
 * and v + add stay inside int32 for every input (else it calls the generic kernel). shift: e, or 0 to read
 * the channel's. */
static inline __attribute__((always_inline)) int32_t tf_conv_1x1_dsp_requant(const tf_conv_1x1_dsp_chan *c, int32_t acc2,
                                                                             const int32_t shift)
{
#if defined(__ARM_FEATURE_DSP)
    int32_t v;
    __asm__("smmulr %0, %1, %2" : "=r"(v) : "r"(acc2), "r"(c->multiplier));
#else
    const int32_t v = (int32_t)(((int64_t)acc2 * c->multiplier + ((int64_t)1 << 31)) >> 32);
#endif
    return (v + (v >> 31) + c->add) >> (shift > 0 ? shift : c->shift);
}

/* Clamp to int8 and to [act_min, act_max] (constants: the bounds equal to int8's vanish). */
static inline __attribute__((always_inline)) int32_t tf_conv_1x1_dsp_clamp(int32_t v, const int32_t act_min,
                                                                           const int32_t act_max)
{
#if defined(__ARM_FEATURE_DSP)
    v = __ssat(v, 8);
#else
    v = v < -128 ? -128 : v > 127 ? 127 : v;
#endif
    if (act_min > -128 && v < act_min) v = act_min;
    if (act_max < 127 && v > act_max) v = act_max;
    return v;
}

#if defined(__ARM_FEATURE_DSP)

/* 8 bytes from a 4-aligned address as two words: one LDRD (gcc splits a 64-bit load of an int32 array into two LDR;
 * a 64-bit "m" operand gets an address LDRD accepts). Volatile: each 2x2 block loads and widens its own weights;
 * gcc would otherwise share them between a tile's two pixel pairs and run out of registers. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_load2(const int32_t *p, int32_t *lo, int32_t *hi)
{
    int32_t a, b;
    __asm__ volatile("ldrd %0, %1, %2" : "=r"(a), "=r"(b) : "m"(*(const uint64_t *)(const void *)p));
    *lo = a;
    *hi = b;
}

/* SXTB16 halves of 4 input bytes, doubled (SADD16) when double_cols. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_halves(int32_t p, int32_t *cols, const int double_cols)
{
    int32_t e = __sxtb16(p), o = tf_dsp_sxtb16_ror8(p);
    if (double_cols) {
        e = __sadd16(e, e);
        o = __sadd16(o, o);
    }
    cols[0] = e;
    cols[1] = o;
}

/* A pixel pair's int16 columns: per group of 4 channels {x0 bytes 0,2; x0 bytes 1,3; x1 bytes 0,2; x1 bytes 1,3}
 * (SXTB16 halves matching the weights'); channels past in_c are zero. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_fill(const int8_t *x0, const int8_t *x1, int32_t *cols,
                                                                       const int32_t in_c, const int double_cols)
{
    const int32_t full = in_c / 4, rest = in_c % 4;
    int32_t g;
    for (g = 0; g < full; ++g, cols += 4) {
        tf_conv_1x1_dsp_halves(tf_dsp_load4(x0 + 4 * g), cols, double_cols);
        tf_conv_1x1_dsp_halves(tf_dsp_load4(x1 + 4 * g), cols + 2, double_cols);
    }
    if (rest != 0) {
        int8_t b0[4] = {0, 0, 0, 0}, b1[4] = {0, 0, 0, 0};
        memcpy(b0, x0 + 4 * full, (size_t)rest);
        memcpy(b1, x1 + 4 * full, (size_t)rest);
        tf_conv_1x1_dsp_halves(tf_dsp_load4(b0), cols, double_cols);
        tf_conv_1x1_dsp_halves(tf_dsp_load4(b1), cols + 2, double_cols);
    }
}

/* Two output channels (one weight pair) of a pixel pair: a[k][o] = bias_o + x_k . w_o. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_dot(const int32_t *cols, const int32_t *w, int32_t b0,
                                                                      int32_t b1, int32_t a[2][2], const int32_t groups)
{
    int32_t s00 = b0, s01 = b1, s10 = b0, s11 = b1;
    int32_t g;
#pragma GCC unroll 8
    for (g = 0; g < groups; ++g) {
        int32_t w0, w1, c0, c1, c2, c3;
        tf_conv_1x1_dsp_load2(w + 2 * g, &w0, &w1);
        tf_conv_1x1_dsp_load2(cols + 4 * g, &c0, &c1);
        tf_conv_1x1_dsp_load2(cols + 4 * g + 2, &c2, &c3);
        {
            const int32_t w0e = __sxtb16(w0), w0o = tf_dsp_sxtb16_ror8(w0);
            const int32_t w1e = __sxtb16(w1), w1o = tf_dsp_sxtb16_ror8(w1);
            s00 = __smlad(c0, w0e, s00);
            s10 = __smlad(c2, w0e, s10);
            s01 = __smlad(c0, w1e, s01);
            s11 = __smlad(c2, w1e, s11);
            s00 = __smlad(c1, w0o, s00);
            s10 = __smlad(c3, w0o, s10);
            s01 = __smlad(c1, w1o, s01);
            s11 = __smlad(c3, w1o, s11);
        }
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
}

/* Outputs of channels oc, oc + 1 (both real) at y[0], y[1]: packed (BFI: the bytes above are not stored), clamped bytewise (SSUB8 + SEL) where
 * act_min / act_max are inside int8, one halfword store. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_store2(int32_t v0, int32_t v1, int8_t *y,
                                                                         const int32_t act_min, const int32_t act_max)
{
    uint32_t v = (uint32_t)__ssat(v0, 8);
    uint16_t h;
    __asm__("bfi %0, %1, #8, #8" : "+r"(v) : "r"((uint32_t)__ssat(v1, 8)));
    if (act_min > -128) {
        const int32_t lo4 = tf_dsp_bytes4(act_min);
        (void)__ssub8((int32_t)v, lo4);
        v = __sel(v, (uint32_t)lo4);
    }
    if (act_max < 127) {
        const int32_t hi4 = tf_dsp_bytes4(act_max);
        (void)__ssub8((int32_t)v, hi4);
        v = __sel((uint32_t)hi4, v);
    }
    h = (uint16_t)v;
    memcpy(y, &h, 2);
}

/* The requantized outputs of one pixel's channel pair (oc + 1 < out_c unless odd_last) at y. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_out(int32_t a0, int32_t a1, const tf_conv_1x1_dsp_chan *c0,
                                                                      int8_t *y, const int odd_last, const int double_cols,
                                                                      const int32_t shift, const int32_t act_min,
                                                                      const int32_t act_max)
{
    if (!double_cols) {
        a0 += a0;
        a1 += a1;
    }
    if (odd_last) {
        *y = (int8_t)tf_conv_1x1_dsp_clamp(tf_conv_1x1_dsp_requant(c0, a0, shift), act_min, act_max);
    } else {
        tf_conv_1x1_dsp_store2(tf_conv_1x1_dsp_requant(c0, a0, shift), tf_conv_1x1_dsp_requant(c0 + 1, a1, shift), y,
                               act_min, act_max);
    }
}

/* One tile: pixels x[0..3] (npx real ones, a constant; the rest repeat the last) into the consecutive output pixels
 * at y, all channels. double_cols: the columns hold 2x (so the sums are 2 * acc, chans' bias doubled); else the
 * sums are doubled at the end. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_tile(const int8_t *const x[4], int8_t *y,
                                                                       const int32_t npx, const int32_t *w,
                                                                       const tf_conv_1x1_dsp_chan *chans,
                                                                       const int32_t in_c, const int32_t out_c,
                                                                       const int double_cols, const int32_t shift,
                                                                       const int32_t act_min, const int32_t act_max)
{
    const int32_t groups = (in_c + 3) / 4;
    int32_t cols[2 * 4 * ((TF_CONV_1X1_DSP_LAYER_MAX_C + 3) / 4)];
    int32_t oc;
    tf_conv_1x1_dsp_fill(x[0], x[1], cols, in_c, double_cols);
    if (npx > 2) tf_conv_1x1_dsp_fill(x[2], x[3], cols + 4 * groups, in_c, double_cols);
    for (oc = 0; oc < out_c; oc += 2, w += 2 * groups) {
        const tf_conv_1x1_dsp_chan *c0 = chans + oc;
        const int odd_last = oc + 1 == out_c;
        const int32_t b1 = odd_last ? 0 : c0[1].bias;
        int32_t a[2][2];
        if (npx > 2) {
            tf_conv_1x1_dsp_dot(cols + 4 * groups, w, c0->bias, b1, a, groups);
            if (npx > 3) tf_conv_1x1_dsp_out(a[1][0], a[1][1], c0, y + 3 * out_c + oc, odd_last, double_cols, shift, act_min, act_max);
            tf_conv_1x1_dsp_out(a[0][0], a[0][1], c0, y + 2 * out_c + oc, odd_last, double_cols, shift, act_min, act_max);
        }
        tf_conv_1x1_dsp_dot(cols, w, c0->bias, b1, a, groups);
        if (npx > 1) tf_conv_1x1_dsp_out(a[1][0], a[1][1], c0, y + out_c + oc, odd_last, double_cols, shift, act_min, act_max);
        tf_conv_1x1_dsp_out(a[0][0], a[0][1], c0, y + oc, odd_last, double_cols, shift, act_min, act_max);
    }
}

#else

/* Portable: one pixel (its input copied out first, so in place is safe) through the same tables. */
static inline void tf_conv_1x1_dsp_pixel(const int8_t *x, int8_t *y, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
                                         int32_t in_c, int32_t out_c, int double_cols, int32_t shift, int32_t act_min,
                                         int32_t act_max)
{
    const int32_t groups = (in_c + 3) / 4;
    int8_t copy[TF_CONV_1X1_DSP_LAYER_MAX_C];
    int32_t oc, i;
    memcpy(copy, x, (size_t)in_c);
    for (oc = 0; oc < out_c; ++oc) {
        /* the weight word of channel oc for group g: pair oc / 2, slot oc % 2 */
        const int32_t *wp = w + (oc / 2) * 2 * groups + (oc % 2);
        uint32_t acc = 0; /* int32 wrapping arithmetic, as the DSP accumulators */
        int32_t acc2;
        for (i = 0; i < in_c; ++i) {
            const uint32_t word = (uint32_t)wp[2 * (i / 4)];
            acc += (uint32_t)((int32_t)(int8_t)(uint8_t)(word >> (8 * (i % 4))) * (int32_t)copy[i]);
        }
        acc = double_cols ? (uint32_t)chans[oc].bias + 2u * acc : 2u * ((uint32_t)chans[oc].bias + acc);
        memcpy(&acc2, &acc, 4);
        y[oc] = (int8_t)tf_conv_1x1_dsp_clamp(tf_conv_1x1_dsp_requant(&chans[oc], acc2, shift), act_min, act_max);
    }
}

#endif

/* The input pixel of output pixel q: (b, oy, ox) reads (b, oy * stride_h, ox * stride_w). */
static inline __attribute__((always_inline)) const int8_t *tf_conv_1x1_dsp_source(
    const int8_t *in, int32_t q, const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h,
    const int32_t out_w, const int32_t stride_h, const int32_t stride_w)
{
    if (stride_h == 1 && stride_w == 1 && in_h == out_h && in_w == out_w) return in + q * in_c;
    {
        const int32_t ox = q % out_w, oy = (q / out_w) % out_h, b = q / (out_w * out_h);
        return in + ((b * in_h + oy * stride_h) * in_w + ox * stride_w) * in_c;
    }
}

#if defined(__ARM_FEATURE_DSP)
/* The out-of-place tile of output pixels p .. p + npx - 1 (npx a constant). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_tile_at(
    const int8_t *in, int8_t *out, int32_t p, const int32_t npx, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h, const int32_t out_w,
    const int32_t out_c, const int32_t stride_h, const int32_t stride_w, const int double_cols,
    const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int8_t *x[4];
    int32_t k;
    for (k = 0; k < 4; ++k) {
        x[k] = tf_conv_1x1_dsp_source(in, p + (k < npx ? k : npx - 1), in_h, in_w, in_c, out_h, out_w, stride_h, stride_w);
    }
    tf_conv_1x1_dsp_tile(x, out + p * out_c, npx, w, chans, in_c, out_c, double_cols, shift, act_min, act_max);
}
#endif

/* Out of place, any stride (no top/left padding). double_cols: see tf_conv_1x1_dsp_tile (the portable body
 * matches it: chans' bias is doubled with it); shift: the one e of every channel, or 0 to read each channel's. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_dsp_layer(
    const int8_t *in, int8_t *out, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t batches,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h, const int32_t out_w,
    const int32_t out_c, const int32_t stride_h, const int32_t stride_w, const int double_cols,
    const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int32_t pixels = batches * out_h * out_w;
    int32_t p;
#if defined(__ARM_FEATURE_DSP)
    for (p = 0; p + 4 <= pixels; p += 4) {
        tf_conv_1x1_dsp_tile_at(in, out, p, 4, w, chans, in_h, in_w, in_c, out_h, out_w, out_c, stride_h, stride_w,
                                double_cols, shift, act_min, act_max);
    }
    if (pixels % 4 != 0) {
        tf_conv_1x1_dsp_tile_at(in, out, pixels - pixels % 4, pixels % 4, w, chans, in_h, in_w, in_c, out_h, out_w,
                                out_c, stride_h, stride_w, double_cols, shift, act_min, act_max);
    }
#else
    for (p = 0; p < pixels; ++p) {
        tf_conv_1x1_dsp_pixel(tf_conv_1x1_dsp_source(in, p, in_h, in_w, in_c, out_h, out_w, stride_h, stride_w),
                              out + p * out_c, w, chans, in_c, out_c, double_cols, shift, act_min, act_max);
    }
#endif
}

#if defined(__ARM_FEATURE_DSP)
/* The in-place tile of pixels p .. p + npx - 1 (npx a constant). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_inplace_tile_at(
    int8_t *buf, int32_t p, const int32_t npx, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
    const int32_t in_c, const int32_t out_c, const int double_cols, const int32_t shift, const int32_t act_min,
    const int32_t act_max)
{
    const int8_t *x[4];
    int32_t k;
    for (k = 0; k < 4; ++k) x[k] = buf + (p + (k < npx ? k : npx - 1)) * in_c;
    tf_conv_1x1_dsp_tile(x, buf + p * out_c, npx, w, chans, in_c, out_c, double_cols, shift, act_min, act_max);
}
#endif

/* In place (stride 1): the output over the input at buf, tiles ascending when out_c <= in_c, else descending. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_inplace_dsp_layer(
    int8_t *buf, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t pixels, const int32_t in_c,
    const int32_t out_c, const int double_cols, const int32_t shift, const int32_t act_min,
    const int32_t act_max)
{
    const int descending = out_c > in_c;
    const int32_t rest = pixels % 4;
    int32_t t;
#if defined(__ARM_FEATURE_DSP)
    /* ascending: full tiles from 0, then the rest at the end; descending: full tiles from the end, the rest at 0 */
    for (t = 0; t + 4 <= pixels; t += 4) {
        tf_conv_1x1_dsp_inplace_tile_at(buf, descending ? pixels - t - 4 : t, 4, w, chans, in_c, out_c, double_cols,
                                        shift, act_min, act_max);
    }
    if (rest != 0) {
        tf_conv_1x1_dsp_inplace_tile_at(buf, descending ? 0 : pixels - rest, rest, w, chans, in_c, out_c, double_cols,
                                        shift, act_min, act_max);
    }
#else
    (void)rest;
    for (t = 0; t < pixels; ++t) {
        const int32_t p = descending ? pixels - 1 - t : t;
        tf_conv_1x1_dsp_pixel(buf + p * in_c, buf + p * out_c, w, chans, in_c, out_c, double_cols, shift, act_min, act_max);
    }
#endif
}

#endif
