/* CONV_2D int8 with a 1x1 filter, specialized per layer (DspPointwiseKernels in the compiler): model.c declares
 * one static function per layer that calls tf_conv_s8_1x1_dsp_layer or tf_conv_s8_1x1_inplace_dsp_layer with the
 * layer's shapes, strides and activation bounds as literal constants, so gcc unrolls the channel loops and drops
 * every branch that does not apply. Same results as tf_conv_s8_nhwc (bit-exact with TFLite).
 *
 * Compile-time tables (built by the compiler):
 *   weights  int32 words, per pair of output channels (2k, 2k+1) and group g of 4 input channels the word of
 *            channel 2k's 4 weights then channel 2k+1's (one LDRD fetches both); a group past in_c and the
 *            channel after an odd last one are zero. Same flash as the OHWI bytes when in_c % 4 == 0 and
 *            out_c is even. Wide layers (tf_conv_s8_1x1*_dsp_wide_layer; small filters chosen by the compiler's
 *            WidePointwiseBudget) hold int16 words instead, 4 per pair and group (the pair's even halves, then its
 *            odd ones), so the inner loop needs no SXTB16: twice the flash.
 *   chans    per output channel tf_conv_1x1_dsp_chan: the bias with input_offset * (sum of the channel's
 *            weights) folded in (int32, wrapping like the accumulator, so the raw input bytes are multiplied
 *            and the result is the same int32), TFLite's multiplier, the rounding addend with the output offset
 *            folded in, and e = -shift (see tf_conv_1x1_dsp_requant). A channel whose clamped output is one constant
 *            for every input (dead channels) has multiplier 0 and the addend of that constant.
 *   Layers whose arithmetic would leave int32 here (left shifts, |acc| >= 2^30, huge addends) keep the generic
 *   tf_conv_s8_1x1_dsp / tf_conv_s8_1x1_inplace_dsp.
 * Wide layers (more than TF_CONV_1X1_DSP_LAYER_MAX_C input channels: tf_conv_s8_1x1*_dsp_chunked_layer) widen their
 * input chunk at a time and keep partial sums on the stack (see tf_conv_1x1_dsp_tile), within the same 4 KB.
 *
 * Blocks: tiles of 4 pixels, whose inputs are widened once into int16 columns (SXTB16, doubled with SADD16 when
 * the layer folds the doubling of tf_conv_1x1_dsp_requant there, i.e. when in_c < 2 * out_c); per pair of output
 * channels a 4x2 block of SMLAD accumulators (assembly: 26 instructions per 32 MACs) and its requantization (assembly:
 * 3 or 4 instructions per output), two outputs per halfword store. Tail tiles of 1 or 2 pixels use a 2x2 block.
 *
 * Order (the memory planner relies on it): out of place, tiles of 4 consecutive output pixels in ascending
 * row-major order (PixelWindows' CONV_BLOCK, so an overlapped layer stays safe); in place (POINTWISE_PIXELS,
 * stride 1), tiles of 4 pixels ascending when out_c <= in_c and descending when wider. Every input byte of a
 * tile is read (into int16 columns on the stack) before any of its outputs is written, the same argument as
 * tf_conv_s8_1x1_inplace_dsp's: ascending, a tile's outputs end at (p + 4) * out_c <= (p + 4) * in_c, where the
 * inputs still unread begin; descending, the unread inputs end at p * in_c <= p * out_c, where its outputs
 * begin. Without __ARM_FEATURE_DSP (host builds) or optimization a portable body computes the same bytes in the
 * same order, one pixel at a time. */
#ifndef TF_CONV_S8_1X1_DSP_BODY_H
#define TF_CONV_S8_1X1_DSP_BODY_H

#include <stdint.h>
#include <string.h>
#include "tf_types.h"
#include "tf_quant.h"
/* The DSP body: its assembly blocks need 14 free registers and constant shifts, so only optimized builds (an -O0
 * build keeps a frame pointer) take it; the others get the portable body. */
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
#define TF_CONV_1X1_DSP_ASM 1
#include "../common/tf_dsp_s8.h"
#else
#define TF_CONV_1X1_DSP_ASM 0
#endif

/* The tile's stack words: the int16 columns of a chunk of input channels (2 words per channel) and, with several
 * chunks, 8 words of partial sums per channel pair (the compiler's DspPointwiseKernels.SCRATCH_WORDS). One chunk of
 * every input channel fits up to TF_CONV_1X1_DSP_LAYER_MAX_C. */
#define TF_CONV_1X1_DSP_SCRATCH_WORDS 1024
#define TF_CONV_1X1_DSP_LAYER_MAX_C 512
/* Most input channels of a chunked layer (the portable body copies a pixel's input into this many bytes of stack). */
#define TF_CONV_1X1_DSP_CHUNKED_MAX_C (4 * TF_CONV_1X1_DSP_SCRATCH_WORDS)

/* One output channel's constants (see the header comment). */
typedef struct {
    int32_t bias;       /* folded bias; doubled when the layer doubles its input columns (double_cols) */
    int32_t multiplier; /* TFLite's, in [2^30, 2^31), or 0 for a constant channel */
    int32_t add;        /* 2^(e-1) + output_offset * 2^e (constant channel: constant * 2^e + 2^(e-1)) */
    int32_t shift;      /* e = -TFLite shift, in [1, 30] */
} tf_conv_1x1_dsp_chan;

/* MBQM(acc) + output_offset, from 2 * acc: with v = SaturatingRoundingDoublingHighMul(acc, M)
 * = floor((acc * M + 2^30) / 2^31) = floor((2acc * M + 2^31) / 2^32) (TFLite's negative nudge with a truncating
 * division gives the same floor) and RoundingDivideByPOT(v, e) = floor((v + 2^(e-1) - [v < 0]) / 2^e), where
 * [v < 0] may be replaced by [acc < 0] (they differ only for acc < 0 with v = 0, and then both give 0; the argument
 * of tf_mbqm_rshift in tf_quant.h), MBQM(acc) + offset = (v + add + (2acc >> 31)) >> e, and SMMLAR computes v + add
 * in one instruction (add enters the high word exactly). The compiler checks that 2 * acc and v + add stay inside
 * int32 for every input (else it calls the generic kernel). */
static inline __attribute__((always_inline)) int32_t tf_conv_1x1_dsp_requant(int32_t acc2, int32_t multiplier, int32_t add,
                                                                             int32_t shift)
{
#if TF_CONV_1X1_DSP_ASM
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc2), "r"(multiplier), "r"(add));
#else
    const int32_t v = (int32_t)(((int64_t)acc2 * multiplier + (int64_t)add * 4294967296LL + ((int64_t)1 << 31)) >> 32);
#endif
    return (v + (acc2 >> 31)) >> shift;
}

/* Clamp to int8 and to [act_min, act_max] (constants: the bounds equal to int8's vanish). */
static inline __attribute__((always_inline)) int32_t tf_conv_1x1_dsp_clamp(int32_t v, const int32_t act_min,
                                                                           const int32_t act_max)
{
#if TF_CONV_1X1_DSP_ASM
    v = __ssat(v, 8);
#else
    v = v < -128 ? -128 : v > 127 ? 127 : v;
#endif
    if (act_min > -128 && v < act_min) v = act_min;
    if (act_max < 127 && v > act_max) v = act_max;
    return v;
}

#if TF_CONV_1X1_DSP_ASM

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

/* SXTB16 halves of 4 input bytes (bytes 0, 2 and bytes 1, 3), doubled (SADD16) when double_cols. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_halves(int32_t p, int32_t *even, int32_t *odd,
                                                                         const int double_cols)
{
    int32_t e = __sxtb16(p), o = tf_dsp_sxtb16_ror8(p);
    if (double_cols) {
        e = __sadd16(e, e);
        o = __sadd16(o, o);
    }
    *even = e;
    *odd = o;
}

/* Four input bytes of channels 4g.. of x (zero past in_c). */
static inline __attribute__((always_inline)) int32_t tf_conv_1x1_dsp_group(const int8_t *x, int32_t g, const int32_t in_c)
{
    if (4 * g + 4 <= in_c) return tf_dsp_load4(x + 4 * g);
    {
        int8_t b[4] = {0, 0, 0, 0};
        memcpy(b, x + 4 * g, (size_t)(in_c - 4 * g));
        return tf_dsp_load4(b);
    }
}

/* The tile's int16 columns: per group g of 4 channels 8 words, cols[8g + k] = pixel k's halves of bytes 0, 2 and
 * cols[8g + 4 + k] its halves of bytes 1, 3 (k = 0..3, SXTB16 order, matching the weights'). Only pixels 0, 1 when
 * npx <= 2. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_fill(const int8_t *const x[4], int32_t *cols,
                                                                       const int32_t npx, const int32_t in_c,
                                                                       const int double_cols)
{
    const int32_t groups = (in_c + 3) / 4;
    int32_t g, k;
    for (g = 0; g < groups; ++g, cols += 8) {
        for (k = 0; k < (npx > 2 ? 4 : 2); ++k) {
            tf_conv_1x1_dsp_halves(tf_conv_1x1_dsp_group(x[k], g, in_c), cols + k, cols + 4 + k, double_cols);
        }
    }
}

/* s_k0 += c_k . w0, s_k1 += c_k . w1 for the 4 pixels k of one half (even or odd bytes) of one group: two LDRD of
 * columns (post-incremented) and 8 SMLAD. */
#define TF_CONV_1X1_DSP_HALF_4X2                                                                                      \
    "ldrd %[c0], %[c1], [%[cp]], #8\n\t"                                                                              \
    "smlad %[s00], %[c0], %[w0], %[s00]\n\t"                                                                          \
    "smlad %[s01], %[c0], %[w1], %[s01]\n\t"                                                                          \
    "smlad %[s10], %[c1], %[w0], %[s10]\n\t"                                                                          \
    "smlad %[s11], %[c1], %[w1], %[s11]\n\t"                                                                          \
    "ldrd %[c0], %[c1], [%[cp]], #8\n\t"                                                                              \
    "smlad %[s20], %[c0], %[w0], %[s20]\n\t"                                                                          \
    "smlad %[s21], %[c0], %[w1], %[s21]\n\t"                                                                          \
    "smlad %[s30], %[c1], %[w0], %[s30]\n\t"                                                                          \
    "smlad %[s31], %[c1], %[w1], %[s31]\n\t"

/* s_k0 += c_k . w0, s_k1 += c_k . w1 for two pixels' column words c0, c1 (the tail tiles' 2x2 block). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_smlad_2x2(int32_t c0, int32_t c1, int32_t w0, int32_t w1,
                                                                            int32_t *s00, int32_t *s01, int32_t *s10,
                                                                            int32_t *s11)
{
    *s00 = __smlad(c0, w0, *s00);
    *s01 = __smlad(c0, w1, *s01);
    *s10 = __smlad(c1, w0, *s10);
    *s11 = __smlad(c1, w1, *s11);
}

/* A group's weight pair for one half, widened: the even bytes (channel 2k's and 2k+1's taps 0, 2) from the pair's
 * two words, then the odd ones (taps 1, 3), the pointer past the group after the odd half; or (wide layers) the
 * ready int16 words, even then odd, each LDRD post-incremented. */
#define TF_CONV_1X1_DSP_W_EVEN "ldrd %[w0], %[w1], [%[wp]]\n\tsxtb16 %[w0], %[w0]\n\tsxtb16 %[w1], %[w1]\n\t"
#define TF_CONV_1X1_DSP_W_ODD                                                                                         \
    "ldrd %[w0], %[w1], [%[wp]], #8\n\tsxtb16 %[w0], %[w0], ror #8\n\tsxtb16 %[w1], %[w1], ror #8\n\t"
#define TF_CONV_1X1_DSP_W_WIDE "ldrd %[w0], %[w1], [%[wp]], #8\n\t"

/* One further group of the 4x2 block (tf_conv_1x1_dsp_dot's locals), weights through WE, WO. */
#define TF_CONV_1X1_DSP_GROUP_4X2(WE, WO)                                                                             \
    __asm__(WE TF_CONV_1X1_DSP_HALF_4X2 WO TF_CONV_1X1_DSP_HALF_4X2                                                   \
            : [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [s20] "+r"(s20), [s21] "+r"(s21),    \
              [s30] "+r"(s30), [s31] "+r"(s31), [cp] "+r"(cp), [wp] "+r"(w), [w0] "=&r"(w0), [w1] "=&r"(w1),         \
              [c0] "=&r"(c0), [c1] "=&r"(c1)                                                                          \
            :                                                                                                         \
            : "memory")

/* The first group of the 4x2 block, from the biases held in s30, s31 until their last use. */
#define TF_CONV_1X1_DSP_FIRST_4X2(WE, WO)                                                                             \
    __asm__(WE "ldrd %[c0], %[c1], [%[cp]], #8\n\t"                                                                   \
               "smlad %[s00], %[c0], %[w0], %[s30]\n\t"                                                               \
               "smlad %[s01], %[c0], %[w1], %[s31]\n\t"                                                               \
               "smlad %[s10], %[c1], %[w0], %[s30]\n\t"                                                               \
               "smlad %[s11], %[c1], %[w1], %[s31]\n\t"                                                               \
               "ldrd %[c0], %[c1], [%[cp]], #8\n\t"                                                                   \
               "smlad %[s20], %[c0], %[w0], %[s30]\n\t"                                                               \
               "smlad %[s21], %[c0], %[w1], %[s31]\n\t"                                                               \
               "smlad %[s30], %[c1], %[w0], %[s30]\n\t"                                                               \
               "smlad %[s31], %[c1], %[w1], %[s31]\n\t" WO TF_CONV_1X1_DSP_HALF_4X2                                   \
            : [s00] "=&r"(s00), [s01] "=&r"(s01), [s10] "=&r"(s10), [s11] "=&r"(s11), [s20] "=&r"(s20),               \
              [s21] "=&r"(s21), [s30] "+r"(s30), [s31] "+r"(s31), [cp] "+r"(cp), [wp] "+r"(w), [w0] "=&r"(w0),        \
              [w1] "=&r"(w1), [c0] "=&r"(c0), [c1] "=&r"(c1)                                                          \
            :                                                                                                         \
            : "memory")

/* Group g's weight pair widened: e0, e1 the even halves (taps 0, 2) of channels 2k, 2k+1, o0, o1 the odd ones. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_wpair(const int32_t *w, int32_t g, const int wide,
                                                                        int32_t *e0, int32_t *e1, int32_t *o0,
                                                                        int32_t *o1)
{
    if (wide) {
        tf_conv_1x1_dsp_load2(w + 4 * g, e0, e1);
        tf_conv_1x1_dsp_load2(w + 4 * g + 2, o0, o1);
    } else {
        int32_t w0, w1;
        tf_conv_1x1_dsp_load2(w + 2 * g, &w0, &w1);
        *e0 = __sxtb16(w0);
        *e1 = __sxtb16(w1);
        *o0 = tf_dsp_sxtb16_ror8(w0);
        *o1 = tf_dsp_sxtb16_ror8(w1);
    }
}

/* The 2x2 block (tail tiles) over groups of 4 channels. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_dot_2x2(const int32_t *cols, const int32_t *w,
                                                                          const int32_t groups, const int wide,
                                                                          int32_t *s00, int32_t *s01, int32_t *s10,
                                                                          int32_t *s11)
{
    int32_t g;
#pragma GCC unroll 4
    for (g = 0; g < groups; ++g) {
        int32_t e0, e1, o0, o1, c0, c1;
        tf_conv_1x1_dsp_wpair(w, g, wide, &e0, &e1, &o0, &o1);
        tf_conv_1x1_dsp_load2(cols + 8 * g, &c0, &c1);
        tf_conv_1x1_dsp_smlad_2x2(c0, c1, e0, e1, s00, s01, s10, s11);
        tf_conv_1x1_dsp_load2(cols + 8 * g + 4, &c0, &c1);
        tf_conv_1x1_dsp_smlad_2x2(c0, c1, o0, o1, s00, s01, s10, s11);
    }
}

/* Two output channels (one weight pair) of np pixels (2 or 4): a[k][o] = bias_o + x_k . w_o; returns the next pair's
 * weights. The 4x2 block is written in assembly: it needs 14 registers at once (8 accumulators, 2 weight words, 2
 * column words, 2 pointers), which gcc's allocator does not find by itself. Per group of 4 channels the weight pair
 * is loaded twice and widened once per half (even bytes, then odd), so no widened weight outlives its half: 2 + 4
 * LDRD, 4 SXTB16, 16 SMLAD; wide (int16 weights ready in the table, 4 words per pair and group): 2 + 4 LDRD, 16 SMLAD.
 * The first group starts from the biases. */
static inline __attribute__((always_inline)) const int32_t *tf_conv_1x1_dsp_dot(const int32_t *cols, const int32_t *w,
                                                                                int32_t b0, int32_t b1, int32_t a[4][2],
                                                                                const int32_t groups, const int32_t np,
                                                                                const int wide)
{
    int32_t s00 = b0, s01 = b1, s10 = b0, s11 = b1, s20 = b0, s21 = b1, s30 = b0, s31 = b1;
    int32_t g;
    if (np == 4) {
        const int32_t *cp = cols;
        int32_t w0, w1, c0, c1;
        if (wide) {
            TF_CONV_1X1_DSP_FIRST_4X2(TF_CONV_1X1_DSP_W_WIDE, TF_CONV_1X1_DSP_W_WIDE);
#pragma GCC unroll 8
            for (g = 1; g < groups; ++g) TF_CONV_1X1_DSP_GROUP_4X2(TF_CONV_1X1_DSP_W_WIDE, TF_CONV_1X1_DSP_W_WIDE);
        } else {
            TF_CONV_1X1_DSP_FIRST_4X2(TF_CONV_1X1_DSP_W_EVEN, TF_CONV_1X1_DSP_W_ODD);
        /* 8 groups per iteration (4 would save about 2.5% of mcunet-vww's flash for about 1.5% more instructions) */
#pragma GCC unroll 8
            for (g = 1; g < groups; ++g) TF_CONV_1X1_DSP_GROUP_4X2(TF_CONV_1X1_DSP_W_EVEN, TF_CONV_1X1_DSP_W_ODD);
        }
    } else {
        tf_conv_1x1_dsp_dot_2x2(cols, w, groups, wide, &s00, &s01, &s10, &s11);
        w += (wide ? 4 : 2) * groups;
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
    a[2][0] = s20;
    a[2][1] = s21;
    a[3][0] = s30;
    a[3][1] = s31;
    return w;
}

/* The 4x2 (np 4) or 2x2 (np 2) block a continued over `groups` further groups (a later chunk of input channels):
 * a[k][o] += x_k . w_o from the block's own partial sums (no bias). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_dot_more(const int32_t *cols, const int32_t *w,
                                                                           int32_t a[4][2], const int32_t groups,
                                                                           const int32_t np, const int wide)
{
    int32_t s00 = a[0][0], s01 = a[0][1], s10 = a[1][0], s11 = a[1][1], s20 = a[2][0], s21 = a[2][1], s30 = a[3][0],
            s31 = a[3][1];
    int32_t g;
    if (np == 4) {
        const int32_t *cp = cols;
        int32_t w0, w1, c0, c1;
        if (wide) {
#pragma GCC unroll 8
            for (g = 0; g < groups; ++g) TF_CONV_1X1_DSP_GROUP_4X2(TF_CONV_1X1_DSP_W_WIDE, TF_CONV_1X1_DSP_W_WIDE);
        } else {
#pragma GCC unroll 8
            for (g = 0; g < groups; ++g) TF_CONV_1X1_DSP_GROUP_4X2(TF_CONV_1X1_DSP_W_EVEN, TF_CONV_1X1_DSP_W_ODD);
        }
    } else {
        tf_conv_1x1_dsp_dot_2x2(cols, w, groups, wide, &s00, &s01, &s10, &s11);
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
    a[2][0] = s20;
    a[2][1] = s21;
    a[3][0] = s30;
    a[3][1] = s31;
}

/* Two packed int8 outputs (bytes 0, 1 of v; the bytes above are not stored) clamped bytewise (SSUB8 + SEL) where
 * act_min / act_max are inside int8, stored with one halfword store. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_clamp_store2(uint32_t v, int8_t *y, const int32_t act_min,
                                                                               const int32_t act_max)
{
    uint16_t h;
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

/* Outputs of channels oc, oc + 1 (both real) at y[0], y[1]: saturated, packed (BFI), clamped and stored. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_store2(int32_t v0, int32_t v1, int8_t *y,
                                                                         const int32_t act_min, const int32_t act_max)
{
    uint32_t v = (uint32_t)__ssat(v0, 8);
    __asm__("bfi %0, %1, #8, #8" : "+r"(v) : "r"((uint32_t)__ssat(v1, 8)));
    tf_conv_1x1_dsp_clamp_store2(v, y, act_min, act_max);
}

/* ---- tf_conv_1x1_dsp_requant of a whole 4x2 block in assembly (with 8 live accumulators gcc reloads the constants
 * for every output). Per output: [ADD (the doubling)], SMMLAR, ADD of the sign, [ASR], SSAT. ---- */
#define TF_CONV_1X1_DSP_SMM_D(s) "smmlar %[t], %[" s "], %[m], %[d]\n\t"
#define TF_CONV_1X1_DSP_SMM_N(s) "add %[t], %[" s "], %[" s "]\n\tsmmlar %[t], %[t], %[m], %[d]\n\t"
#define TF_CONV_1X1_DSP_SAT_U(s) "ssat %[" s "], #8, %[t], asr #%c[e]\n\t"
#define TF_CONV_1X1_DSP_SAT_V(s) "asr %[t], %[t], %[e]\n\tssat %[" s "], #8, %[t]\n\t"
#define TF_CONV_1X1_DSP_RQ1(SMM, SAT, s) SMM(s) "add %[t], %[t], %[" s "], asr #31\n\t" SAT(s)
#define TF_CONV_1X1_DSP_RQ_CH(SMM, SAT, LOAD, a, b, c, d)                                                             \
    LOAD TF_CONV_1X1_DSP_RQ1(SMM, SAT, a) TF_CONV_1X1_DSP_RQ1(SMM, SAT, b) TF_CONV_1X1_DSP_RQ1(SMM, SAT, c)          \
        TF_CONV_1X1_DSP_RQ1(SMM, SAT, d)
#define TF_CONV_1X1_DSP_LOAD_U0 "ldrd %[m], %[d], [%[c], #4]\n\t"
#define TF_CONV_1X1_DSP_LOAD_U1 "ldrd %[m], %[d], [%[c], #20]\n\t"
#define TF_CONV_1X1_DSP_LOAD_V0 "ldrd %[m], %[d], [%[c], #4]\n\tldr %[e], [%[c], #12]\n\t"
#define TF_CONV_1X1_DSP_LOAD_V1 "ldrd %[m], %[d], [%[c], #20]\n\tldr %[e], [%[c], #28]\n\t"
#define TF_CONV_1X1_DSP_PACK                                                                                          \
    "bfi %[s00], %[s01], #8, #8\n\t"                                                                                  \
    "bfi %[s10], %[s11], #8, #8\n\t"                                                                                  \
    "bfi %[s20], %[s21], #8, #8\n\t"                                                                                  \
    "bfi %[s30], %[s31], #8, #8\n\t"
#define TF_CONV_1X1_DSP_RQ_BLOCK(SMM, SAT, L0, L1)                                                                    \
    TF_CONV_1X1_DSP_RQ_CH(SMM, SAT, L0, "s00", "s10", "s20", "s30")                                                   \
    TF_CONV_1X1_DSP_RQ_CH(SMM, SAT, L1, "s01", "s11", "s21", "s31") TF_CONV_1X1_DSP_PACK
#define TF_CONV_1X1_DSP_RQ_OPERANDS                                                                                   \
    [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [s20] "+r"(s20), [s21] "+r"(s21),            \
        [s30] "+r"(s30), [s31] "+r"(s31), [m] "=&r"(m), [d] "=&r"(d), [t] "=&r"(t)

/* The 4x2 block a (channels c[0], c[1], both real) requantized to int8 and packed per pixel: p[k] = output of c[0]
 * in byte 0 and of c[1] in byte 1 (not yet clamped to act_min / act_max). shift: the one e of every channel, or 0. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_requant_4x2(const int32_t a[4][2],
                                                                              const tf_conv_1x1_dsp_chan *c,
                                                                              const int double_cols, const int32_t shift,
                                                                              uint32_t p[4])
{
    int32_t s00 = a[0][0], s01 = a[0][1], s10 = a[1][0], s11 = a[1][1], s20 = a[2][0], s21 = a[2][1], s30 = a[3][0],
            s31 = a[3][1], m, d, t;
    if (shift > 0 && double_cols) {
        __asm__(TF_CONV_1X1_DSP_RQ_BLOCK(TF_CONV_1X1_DSP_SMM_D, TF_CONV_1X1_DSP_SAT_U, TF_CONV_1X1_DSP_LOAD_U0,
                                         TF_CONV_1X1_DSP_LOAD_U1)
                : TF_CONV_1X1_DSP_RQ_OPERANDS
                : [c] "r"(c), [e] "i"(shift), "m"(*(const tf_conv_1x1_dsp_chan(*)[2])c));
    } else if (shift > 0) {
        __asm__(TF_CONV_1X1_DSP_RQ_BLOCK(TF_CONV_1X1_DSP_SMM_N, TF_CONV_1X1_DSP_SAT_U, TF_CONV_1X1_DSP_LOAD_U0,
                                         TF_CONV_1X1_DSP_LOAD_U1)
                : TF_CONV_1X1_DSP_RQ_OPERANDS
                : [c] "r"(c), [e] "i"(shift), "m"(*(const tf_conv_1x1_dsp_chan(*)[2])c));
    } else {
        int32_t e;
        if (double_cols) {
            __asm__(TF_CONV_1X1_DSP_RQ_BLOCK(TF_CONV_1X1_DSP_SMM_D, TF_CONV_1X1_DSP_SAT_V, TF_CONV_1X1_DSP_LOAD_V0,
                                             TF_CONV_1X1_DSP_LOAD_V1)
                    : TF_CONV_1X1_DSP_RQ_OPERANDS, [e] "=&r"(e)
                    : [c] "r"(c), "m"(*(const tf_conv_1x1_dsp_chan(*)[2])c));
        } else {
            __asm__(TF_CONV_1X1_DSP_RQ_BLOCK(TF_CONV_1X1_DSP_SMM_N, TF_CONV_1X1_DSP_SAT_V, TF_CONV_1X1_DSP_LOAD_V0,
                                             TF_CONV_1X1_DSP_LOAD_V1)
                    : TF_CONV_1X1_DSP_RQ_OPERANDS, [e] "=&r"(e)
                    : [c] "r"(c), "m"(*(const tf_conv_1x1_dsp_chan(*)[2])c));
        }
    }
    p[0] = (uint32_t)s00;
    p[1] = (uint32_t)s10;
    p[2] = (uint32_t)s20;
    p[3] = (uint32_t)s30;
}

/* One channel's requantization constants as locals (loaded once per block, kept in registers). */
typedef struct {
    int32_t multiplier, add, shift;
} tf_conv_1x1_dsp_q;

static inline __attribute__((always_inline)) tf_conv_1x1_dsp_q tf_conv_1x1_dsp_q_of(const tf_conv_1x1_dsp_chan *c,
                                                                                    const int32_t shift)
{
    tf_conv_1x1_dsp_q q;
    q.multiplier = c->multiplier;
    q.add = c->add;
    q.shift = shift > 0 ? shift : c->shift;
    return q;
}

/* The requantized outputs of one pixel's channel pair at y (only channel oc when odd_last). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_out(int32_t a0, int32_t a1, const tf_conv_1x1_dsp_q *q0,
                                                                      const tf_conv_1x1_dsp_q *q1, int8_t *y,
                                                                      const int odd_last, const int double_cols,
                                                                      const int32_t act_min, const int32_t act_max)
{
    if (!double_cols) {
        a0 += a0;
        a1 += a1;
    }
    if (odd_last) {
        *y = (int8_t)tf_conv_1x1_dsp_clamp(tf_conv_1x1_dsp_requant(a0, q0->multiplier, q0->add, q0->shift), act_min,
                                           act_max);
    } else {
        tf_conv_1x1_dsp_store2(tf_conv_1x1_dsp_requant(a0, q0->multiplier, q0->add, q0->shift),
                               tf_conv_1x1_dsp_requant(a1, q1->multiplier, q1->add, q1->shift), y, act_min, act_max);
    }
}

/* One tile: pixels x[0..3] (npx real ones, a constant; the rest repeat the last) into the consecutive output pixels
 * at y, all channels: 4x2 blocks (2x2 when npx <= 2). double_cols: the columns hold 2x (so the sums are 2 * acc,
 * chans' bias doubled); else the sums are doubled at the end.
 * Wide layers (the compiler's DspPointwiseKernels.chunks; both are constants): chunk (a multiple of 4, or in_c) input
 * channels are widened into columns at a time, and each channel pair's block is kept as partial sums on the stack
 * between chunks (8 words per pair after the columns) and requantized after the last one; out_chunk (even, or out_c)
 * output channels are computed per pass over the chunks, and with several passes the tile's outputs are staged on the
 * stack (npx * out_c bytes after the partial sums) and copied to y at the end, since every pass reads the input again.
 * TF_CONV_1X1_DSP_SCRATCH_WORDS in all. Every input byte of the tile is read before its first output is written
 * (the in-place argument holds). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_tile(const int8_t *const x[4], int8_t *y,
                                                                       const int32_t npx, const int32_t *w,
                                                                       const tf_conv_1x1_dsp_chan *chans,
                                                                       const int32_t in_c, const int32_t out_c,
                                                                       const int32_t chunk, const int32_t out_chunk,
                                                                       const int wide, const int double_cols,
                                                                       const int32_t shift, const int32_t act_min,
                                                                       const int32_t act_max)
{
    const int32_t groups = (in_c + 3) / 4, np = npx > 2 ? 4 : 2, staged = out_chunk < out_c, wpg = wide ? 4 : 2;
    int32_t scratch[TF_CONV_1X1_DSP_SCRATCH_WORDS];
    int32_t *const cols = scratch;
    int32_t(*const part)[4][2] = (int32_t(*)[4][2])(void *)(scratch + 2 * chunk);
    int8_t *const yt = staged ? (int8_t *)(void *)(scratch + 2 * chunk + 8 * (out_chunk / 2)) : y;
    int32_t o, c, oc, k;
    for (o = 0; o < out_c; o += out_chunk) {
        const int32_t o_end = out_c - o < out_chunk ? out_c : o + out_chunk;
        for (c = 0; c < in_c; c += chunk) {
            const int32_t n = in_c - c < chunk ? in_c - c : chunk, ng = (n + 3) / 4, last = c + chunk >= in_c;
            const int8_t *const xs[4] = {x[0] + c, x[1] + c, x[2] + c, x[3] + c};
            const int32_t *wp = w + (o / 2) * groups * wpg + (c / 4) * wpg, *next;
            tf_conv_1x1_dsp_fill(xs, cols, npx, n, double_cols);
            /* next: wp past this chunk's groups (the dot's post-incremented pointer), then on to the next pair's */
            for (oc = o; oc < o_end; oc += 2, wp = next + wpg * (groups - ng)) {
                const tf_conv_1x1_dsp_chan *c0 = chans + oc;
                const int odd_last = oc + 1 == out_c;
                int32_t a[4][2];
                if (c == 0) {
                    next = tf_conv_1x1_dsp_dot(cols, wp, c0->bias, odd_last ? 0 : c0[1].bias, a, ng, np, wide);
                } else {
                    memcpy(a, part[(oc - o) / 2], sizeof a);
                    tf_conv_1x1_dsp_dot_more(cols, wp, a, ng, np, wide);
                    next = wp + wpg * ng;
                }
                if (!last) {
                    memcpy(part[(oc - o) / 2], a, sizeof a);
                    continue;
                }
                {
                    const tf_conv_1x1_dsp_q q0 = tf_conv_1x1_dsp_q_of(c0, shift),
                                            q1 = tf_conv_1x1_dsp_q_of(odd_last ? c0 : c0 + 1, shift);
                    if (npx > 2 && !odd_last) {
                        uint32_t p[4];
                        tf_conv_1x1_dsp_requant_4x2((const int32_t(*)[2])a, c0, double_cols, shift, p);
#pragma GCC unroll 4
                        for (k = npx - 1; k >= 0; --k) {
                            tf_conv_1x1_dsp_clamp_store2(p[k], yt + k * out_c + oc, act_min, act_max);
                        }
                        continue;
                    }
#pragma GCC unroll 4
                    for (k = npx - 1; k >= 0; --k) {
                        tf_conv_1x1_dsp_out(a[k][0], a[k][1], &q0, &q1, yt + k * out_c + oc, odd_last, double_cols,
                                            act_min, act_max);
                    }
                }
            }
        }
    }
    if (staged) memcpy(y, yt, (size_t)(npx * out_c));
}

#else

/* Portable: one pixel (its input copied out first, so in place is safe) through the same tables. */
static inline void tf_conv_1x1_dsp_pixel(const int8_t *x, int8_t *y, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
                                         int32_t in_c, int32_t out_c, int wide, int double_cols, int32_t shift,
                                         int32_t act_min, int32_t act_max)
{
    const int32_t groups = (in_c + 3) / 4;
    int8_t copy[TF_CONV_1X1_DSP_CHUNKED_MAX_C];
    int32_t oc, i;
    memcpy(copy, x, (size_t)in_c);
    for (oc = 0; oc < out_c; ++oc) {
        /* the weight word of channel oc for group g: pair oc / 2, slot oc % 2; wide: the pair's 4 words per group, the
         * even halves (taps 0, 2) then the odd ones (taps 1, 3) */
        const int32_t *wp = w + (oc / 2) * (wide ? 4 : 2) * groups + (oc % 2);
        uint32_t acc = 0; /* int32 wrapping arithmetic, as the DSP accumulators */
        int32_t acc2;
        for (i = 0; i < in_c; ++i) {
            const int32_t tap = i % 4;
            const uint32_t word = (uint32_t)wp[wide ? 4 * (i / 4) + 2 * (tap % 2) : 2 * (i / 4)];
            const int32_t wi = wide ? (int32_t)(int16_t)(uint16_t)(word >> (16 * (tap / 2)))
                                    : (int32_t)(int8_t)(uint8_t)(word >> (8 * tap));
            acc += (uint32_t)(wi * (int32_t)copy[i]);
        }
        acc = double_cols ? (uint32_t)chans[oc].bias + 2u * acc : 2u * ((uint32_t)chans[oc].bias + acc);
        memcpy(&acc2, &acc, 4);
        y[oc] = (int8_t)tf_conv_1x1_dsp_clamp(tf_conv_1x1_dsp_requant(acc2, chans[oc].multiplier, chans[oc].add,
                                                                      shift > 0 ? shift : chans[oc].shift),
                                              act_min, act_max);
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

#if TF_CONV_1X1_DSP_ASM
/* The out-of-place tile of output pixels p .. p + npx - 1 (npx a constant). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_tile_at(
    const int8_t *in, int8_t *out, int32_t p, const int32_t npx, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h, const int32_t out_w,
    const int32_t out_c, const int32_t chunk, const int32_t out_chunk, const int wide, const int32_t stride_h,
    const int32_t stride_w, const int double_cols, const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int8_t *x[4];
    int32_t k;
    for (k = 0; k < 4; ++k) {
        x[k] = tf_conv_1x1_dsp_source(in, p + (k < npx ? k : npx - 1), in_h, in_w, in_c, out_h, out_w, stride_h, stride_w);
    }
    tf_conv_1x1_dsp_tile(x, out + p * out_c, npx, w, chans, in_c, out_c, chunk, out_chunk, wide, double_cols, shift,
                         act_min, act_max);
}
#endif

/* Out of place, any stride (no top/left padding), the input channels widened chunk at a time and out_chunk output
 * channels per pass (see tf_conv_1x1_dsp_tile; the portable body ignores both), the weights as int8 words or (wide)
 * int16 words. double_cols: see tf_conv_1x1_dsp_tile (the portable body matches it: chans' bias is doubled with it);
 * shift: the one e of every channel, or 0 to read each channel's. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_run(
    const int8_t *in, int8_t *out, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t batches,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t chunk, const int32_t out_h,
    const int32_t out_w, const int32_t out_c, const int32_t out_chunk, const int wide, const int32_t stride_h,
    const int32_t stride_w, const int double_cols, const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int32_t pixels = batches * out_h * out_w;
    int32_t p;
#if TF_CONV_1X1_DSP_ASM
    for (p = 0; p + 4 <= pixels; p += 4) {
        tf_conv_1x1_dsp_tile_at(in, out, p, 4, w, chans, in_h, in_w, in_c, out_h, out_w, out_c, chunk, out_chunk,
                                wide, stride_h, stride_w, double_cols, shift, act_min, act_max);
    }
    if (pixels % 4 != 0) {
        tf_conv_1x1_dsp_tile_at(in, out, pixels - pixels % 4, pixels % 4, w, chans, in_h, in_w, in_c, out_h, out_w,
                                out_c, chunk, out_chunk, wide, stride_h, stride_w, double_cols, shift, act_min, act_max);
    }
#else
    (void)chunk;
    (void)out_chunk;
    for (p = 0; p < pixels; ++p) {
        tf_conv_1x1_dsp_pixel(tf_conv_1x1_dsp_source(in, p, in_h, in_w, in_c, out_h, out_w, stride_h, stride_w),
                              out + p * out_c, w, chans, in_c, out_c, wide, double_cols, shift, act_min, act_max);
    }
#endif
}

/* Out of place, every input channel in one chunk (in_c <= TF_CONV_1X1_DSP_LAYER_MAX_C). */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_dsp_layer(
    const int8_t *in, int8_t *out, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t batches,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h, const int32_t out_w,
    const int32_t out_c, const int32_t stride_h, const int32_t stride_w, const int double_cols,
    const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    tf_conv_1x1_dsp_run(in, out, w, chans, batches, in_h, in_w, in_c, in_c, out_h, out_w, out_c, out_c, 0, stride_h,
                        stride_w, double_cols, shift, act_min, act_max);
}

/* tf_conv_s8_1x1_dsp_layer with the weights as int16 words (4 per channel pair and group of 4 input channels: the
 * pair's even halves (taps 0, 2), then its odd ones (taps 1, 3)): no SXTB16 in the inner loop, twice the flash. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_dsp_wide_layer(
    const int8_t *in, int8_t *out, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t batches,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t out_h, const int32_t out_w,
    const int32_t out_c, const int32_t stride_h, const int32_t stride_w, const int double_cols,
    const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    tf_conv_1x1_dsp_run(in, out, w, chans, batches, in_h, in_w, in_c, in_c, out_h, out_w, out_c, out_c, 1, stride_h,
                        stride_w, double_cols, shift, act_min, act_max);
}

/* Out of place, wider than the columns (see tf_conv_1x1_dsp_tile's chunk and out_chunk). */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_dsp_chunked_layer(
    const int8_t *in, int8_t *out, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t batches,
    const int32_t in_h, const int32_t in_w, const int32_t in_c, const int32_t chunk, const int32_t out_h,
    const int32_t out_w, const int32_t out_c, const int32_t out_chunk, const int32_t stride_h, const int32_t stride_w,
    const int double_cols, const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    tf_conv_1x1_dsp_run(in, out, w, chans, batches, in_h, in_w, in_c, chunk, out_h, out_w, out_c, out_chunk, 0,
                        stride_h, stride_w, double_cols, shift, act_min, act_max);
}

#if TF_CONV_1X1_DSP_ASM
/* The in-place tile of pixels p .. p + npx - 1 (npx a constant). */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_inplace_tile_at(
    int8_t *buf, int32_t p, const int32_t npx, const int32_t *w, const tf_conv_1x1_dsp_chan *chans,
    const int32_t in_c, const int32_t out_c, const int32_t chunk, const int32_t out_chunk, const int wide,
    const int double_cols, const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int8_t *x[4];
    int32_t k;
    for (k = 0; k < 4; ++k) x[k] = buf + (p + (k < npx ? k : npx - 1)) * in_c;
    tf_conv_1x1_dsp_tile(x, buf + p * out_c, npx, w, chans, in_c, out_c, chunk, out_chunk, wide, double_cols, shift,
                         act_min, act_max);
}
#endif

/* In place (stride 1): the output over the input at buf, tiles ascending when out_c <= in_c, else descending; chunk,
 * out_chunk, wide as in tf_conv_1x1_dsp_run. */
static inline __attribute__((always_inline)) void tf_conv_1x1_dsp_run_inplace(
    int8_t *buf, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t pixels, const int32_t in_c,
    const int32_t chunk, const int32_t out_c, const int32_t out_chunk, const int wide, const int double_cols,
    const int32_t shift, const int32_t act_min, const int32_t act_max)
{
    const int descending = out_c > in_c;
    const int32_t rest = pixels % 4;
    int32_t t;
#if TF_CONV_1X1_DSP_ASM
    /* ascending: full tiles from 0, then the rest at the end; descending: full tiles from the end, the rest at 0 */
    for (t = 0; t + 4 <= pixels; t += 4) {
        tf_conv_1x1_dsp_inplace_tile_at(buf, descending ? pixels - t - 4 : t, 4, w, chans, in_c, out_c, chunk,
                                        out_chunk, wide, double_cols, shift, act_min, act_max);
    }
    if (rest != 0) {
        tf_conv_1x1_dsp_inplace_tile_at(buf, descending ? 0 : pixels - rest, rest, w, chans, in_c, out_c, chunk,
                                        out_chunk, wide, double_cols, shift, act_min, act_max);
    }
#else
    (void)rest;
    (void)chunk;
    (void)out_chunk;
    for (t = 0; t < pixels; ++t) {
        const int32_t p = descending ? pixels - 1 - t : t;
        tf_conv_1x1_dsp_pixel(buf + p * in_c, buf + p * out_c, w, chans, in_c, out_c, wide, double_cols, shift, act_min,
                              act_max);
    }
#endif
}

/* In place, every input channel in one chunk (in_c <= TF_CONV_1X1_DSP_LAYER_MAX_C). */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_inplace_dsp_layer(
    int8_t *buf, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t pixels, const int32_t in_c,
    const int32_t out_c, const int double_cols, const int32_t shift, const int32_t act_min,
    const int32_t act_max)
{
    tf_conv_1x1_dsp_run_inplace(buf, w, chans, pixels, in_c, in_c, out_c, out_c, 0, double_cols, shift, act_min,
                                act_max);
}

/* tf_conv_s8_1x1_inplace_dsp_layer with int16 weight words (see tf_conv_s8_1x1_dsp_wide_layer). */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_inplace_dsp_wide_layer(
    int8_t *buf, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t pixels, const int32_t in_c,
    const int32_t out_c, const int double_cols, const int32_t shift, const int32_t act_min,
    const int32_t act_max)
{
    tf_conv_1x1_dsp_run_inplace(buf, w, chans, pixels, in_c, in_c, out_c, out_c, 1, double_cols, shift, act_min,
                                act_max);
}

/* In place, wider than the columns (see tf_conv_1x1_dsp_tile's chunk and out_chunk). */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_inplace_dsp_chunked_layer(
    int8_t *buf, const int32_t *w, const tf_conv_1x1_dsp_chan *chans, const int32_t pixels, const int32_t in_c,
    const int32_t chunk, const int32_t out_c, const int32_t out_chunk, const int double_cols, const int32_t shift,
    const int32_t act_min, const int32_t act_max)
{
    tf_conv_1x1_dsp_run_inplace(buf, w, chans, pixels, in_c, chunk, out_c, out_chunk, 0, double_cols, shift, act_min,
                                act_max);
}

#endif
