/* ARMv7E-M DSP helpers for int8 dot products (SXTB16 + SMLAD: two 16-bit MACs per instruction).
 * Included only where __ARM_FEATURE_DSP is defined. Arithmetic: acc += w * (x + input_offset) summed in
 * any order; int32 addition wraps identically in every order, so results equal the portable kernels'.
 * x + input_offset lies in [-255, 255] and fits each 16-bit half (SXTAB16 adds halfwise). Even bytes
 * (0, 2) of x pair with even bytes of w and odd with odd, so no weight reordering is needed. */
#ifndef TF_DSP_S8_H
#define TF_DSP_S8_H

#include <stdint.h>
#include <string.h>
#include <arm_acle.h>
#include "tf_types.h"
#include "tf_quant.h"

/* Four int8 from any address (M4/M7 LDR allows unaligned access; memcpy compiles to one LDR). */
static inline int32_t tf_dsp_load4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Bytes 1 and 3 into the low byte of each half (folds into SXTB16's ROR #8 operand). */
static inline int32_t tf_dsp_ror8(int32_t v)
{
    return (int32_t)(((uint32_t)v >> 8) | ((uint32_t)v << 24));
}

/* SXTB16 of bytes 1 and 3 in one instruction (ACLE has no rotated form; gcc emits a separate ROR). */
static inline int32_t tf_dsp_sxtb16_ror8(int32_t v)
{
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
    return r;
}

/* a + SXTB16 of bytes 1 and 3 of v, halfwise, in one instruction. */
static inline int32_t tf_dsp_sxtab16_ror8(int32_t a, int32_t v)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(v));
    return r;
}

/* input_offset in both 16-bit halves. */
static inline int32_t tf_dsp_pack_offset(int32_t input_offset)
{
    return (int32_t)(((uint32_t)input_offset << 16) | ((uint32_t)input_offset & 0xFFFFu));
}

/* a0 += sum_i w0[i] * (x[i] + off), a1 likewise with w1; n channels. */
static inline __attribute__((always_inline)) void tf_dsp_dot_1x2_s8(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n,
                                     int32_t input_offset, int32_t *a0, int32_t *a1)
{
    const int32_t off2 = tf_dsp_pack_offset(input_offset);
    int32_t s0 = *a0, s1 = *a1, i = 0;
    for (; i + 4 <= n; i += 4) {
        const int32_t xv = tf_dsp_load4(x + i);
        const int32_t xe = __sxtab16(off2, xv), xo = tf_dsp_sxtab16_ror8(off2, xv);
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        s0 = __smlad(xe, __sxtb16(v0), s0);
        s0 = __smlad(xo, tf_dsp_sxtb16_ror8(v0), s0);
        s1 = __smlad(xe, __sxtb16(v1), s1);
        s1 = __smlad(xo, tf_dsp_sxtb16_ror8(v1), s1);
    }
    for (; i < n; ++i) {
        const int32_t xi = (int32_t)x[i] + input_offset;
        s0 += (int32_t)w0[i] * xi;
        s1 += (int32_t)w1[i] * xi;
    }
    *a0 = s0;
    *a1 = s1;
}

/* The scalar tail of the 2x2 blocks: s[p][o] += w_o * q_p for one channel. */
static inline __attribute__((always_inline)) void tf_dsp_mac_2x2(int32_t w0, int32_t w1, int32_t q0, int32_t q1,
                                                                int32_t *s00, int32_t *s01, int32_t *s10, int32_t *s11)
{
    *s00 += w0 * q0;
    *s01 += w1 * q0;
    *s10 += w0 * q1;
    *s11 += w1 * q1;
}

/* The 2 pixels x 2 output channels block: a[p][o] += sum_i w_o[i] * (x_p[i] + off). */
static inline __attribute__((always_inline)) void tf_dsp_dot_2x2_s8(const int8_t *x0, const int8_t *x1, const int8_t *w0, const int8_t *w1,
                                     int32_t n, int32_t input_offset, int32_t a[2][2])
{
    const int32_t off2 = tf_dsp_pack_offset(input_offset);
    int32_t s00 = a[0][0], s01 = a[0][1], s10 = a[1][0], s11 = a[1][1], i = 0;
    for (; i + 4 <= n; i += 4) {
        const int32_t p0 = tf_dsp_load4(x0 + i), p1 = tf_dsp_load4(x1 + i);
        const int32_t p0e = __sxtab16(off2, p0), p0o = tf_dsp_sxtab16_ror8(off2, p0);
        const int32_t p1e = __sxtab16(off2, p1), p1o = tf_dsp_sxtab16_ror8(off2, p1);
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        const int32_t v0e = __sxtb16(v0), v0o = tf_dsp_sxtb16_ror8(v0);
        const int32_t v1e = __sxtb16(v1), v1o = tf_dsp_sxtb16_ror8(v1);
        s00 = __smlad(p0e, v0e, s00);
        s00 = __smlad(p0o, v0o, s00);
        s01 = __smlad(p0e, v1e, s01);
        s01 = __smlad(p0o, v1o, s01);
        s10 = __smlad(p1e, v0e, s10);
        s10 = __smlad(p1o, v0o, s10);
        s11 = __smlad(p1e, v1e, s11);
        s11 = __smlad(p1o, v1o, s11);
    }
    for (; i < n; ++i) {
        tf_dsp_mac_2x2(w0[i], w1[i], (int32_t)x0[i] + input_offset, (int32_t)x1[i] + input_offset, &s00, &s01, &s10, &s11);
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
}

/* The requantization constants of one layer as locals: the int8 output stores may alias params and
 * quant (char aliasing), so reading them through pointers reloads them after every store. fast: every
 * shift is in [-24, -1], so tf_mbqm_rshift (one SMLAL) applies to every channel with the output offset
 * folded into its rounding constant (see tf_dsp_chan_of); else tf_mbqm. */
typedef struct {
    const int32_t *multiplier, *shift, *bias;
    int32_t input_offset, output_offset, act_min, act_max, fast;
} tf_dsp_requant;

static inline tf_dsp_requant tf_dsp_requant_of(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                               const int32_t *bias, int32_t out_c)
{
    tf_dsp_requant r;
    int32_t oc;
    r.multiplier = quant->multiplier;
    r.shift = quant->shift;
    r.bias = bias;
    r.input_offset = params->input_offset;
    r.output_offset = params->output_offset;
    r.act_min = params->activation.min;
    r.act_max = params->activation.max;
    r.fast = 1;
    for (oc = 0; oc < out_c; ++oc) {
        r.fast &= quant->shift[oc] <= -1 && quant->shift[oc] >= -24;
    }
    return r;
}

/* One output channel: its bias (0 without) and requantization constants. In the fast form the output
 * offset is added inside the SMLAL: off * 2^(31+e) added to the numerator adds exactly off to
 * floor(numerator / 2^(31+e)), i.e. off << (e - 1) to the high word; with e <= 24 and |off| <= 255 the
 * high word stays below 2^30 + 2^31 / 2 in magnitude, so nothing overflows. */
typedef struct {
    int32_t bias, shift;
    tf_rshift_quant q;
} tf_dsp_chan;

/* fast is r->fast as a constant (the kernels instantiate both forms). */
static inline __attribute__((always_inline)) tf_dsp_chan tf_dsp_chan_of(const tf_dsp_requant *r, int32_t oc, const int fast)
{
    tf_dsp_chan c;
    c.bias = r->bias != NULL ? r->bias[oc] : 0;
    c.shift = r->shift[oc];
    if (fast) {
        c.q = tf_rshift_quant_of(r->multiplier[oc], c.shift);
        c.q.round_hi += (int32_t)((uint32_t)r->output_offset << c.q.high_shift);
    } else {
        c.q.multiplier = r->multiplier[oc];
        c.q.round_hi = c.q.round_lo = c.q.high_shift = 0;
    }
    return c;
}

/* clamp(MBQM(acc) + output_offset) of channel c; acc already holds the bias. */
static inline __attribute__((always_inline)) int8_t tf_dsp_out_s8(const tf_dsp_requant *r, const tf_dsp_chan *c,
                                                                int32_t acc, const int fast)
{
    const int32_t v = fast ? tf_mbqm_rshift(acc, &c->q) : tf_mbqm(acc, c->q.multiplier, c->shift) + r->output_offset;
    return tf_sat_s8(v, r->act_min, r->act_max);
}

/* Two int8-saturated outputs (low bytes of b0, b1) clamped to [act_min, act_max] bytewise (SSUB8 sets GE per byte,
 * SEL picks; lo4 / hi4 hold the bounds in every byte) and stored at y[0], y[1] with one halfword store. */
static inline __attribute__((always_inline)) void tf_dsp_clamp_store2(uint32_t b0, uint32_t b1, int32_t lo4, int32_t hi4,
                                                                     int8_t *y)
{
    int32_t v = (int32_t)((b0 & 0xFFu) | (b1 << 8));
    uint16_t h;
    (void)__ssub8(v, lo4);
    v = (int32_t)__sel(v, lo4);
    (void)__ssub8(v, hi4);
    v = (int32_t)__sel(hi4, v);
    h = (uint16_t)v;
    memcpy(y, &h, 2);
}

/* The fast outputs of two adjacent channels (c0 then c1) stored at y[0], y[1] (tf_dsp_clamp_store2). */
static inline __attribute__((always_inline)) void tf_dsp_out2_s8(const tf_dsp_chan *c0, const tf_dsp_chan *c1,
                                                                int32_t acc0, int32_t acc1, int32_t lo4, int32_t hi4,
                                                                int8_t *y)
{
    tf_dsp_clamp_store2((uint32_t)__ssat(tf_mbqm_rshift(acc0, &c0->q), 8), (uint32_t)__ssat(tf_mbqm_rshift(acc1, &c1->q), 8),
                        lo4, hi4, y);
}

/* A value in all four bytes (act_min / act_max for tf_dsp_out2_s8). */
static inline int32_t tf_dsp_bytes4(int32_t v)
{
    return (int32_t)(((uint32_t)v & 0xFFu) * 0x01010101u);
}

/* Most input channels of the 1x1 pair kernel's stack columns (larger layers take the byte path). */
#define TF_DSP_PAIR_MAX_C 1024

/* Two pixels' channels as int16 x + off, interleaved per group of 4 channels as the words
 * {x0 even pair (0, 2), x0 odd pair (1, 3), x1 even pair, x1 odd pair}, matching SXTB16 of 4 weight bytes;
 * the last n % 4 channels follow as plain int16 pairs (x0[i], x1[i]). */
static inline void tf_dsp_fill_pair_columns(const int8_t *x0, const int8_t *x1, int32_t n, int32_t input_offset,
                                            int32_t *cols)
{
    const int32_t off2 = tf_dsp_pack_offset(input_offset);
    int32_t i = 0;
    for (; i + 4 <= n; i += 4, cols += 4) {
        const int32_t p0 = tf_dsp_load4(x0 + i), p1 = tf_dsp_load4(x1 + i);
        cols[0] = __sxtab16(off2, p0);
        cols[1] = tf_dsp_sxtab16_ror8(off2, p0);
        cols[2] = __sxtab16(off2, p1);
        cols[3] = tf_dsp_sxtab16_ror8(off2, p1);
    }
    for (; i < n; ++i) {
        *cols++ = ((int32_t)x1[i] + input_offset) * 65536 + (((int32_t)x0[i] + input_offset) & 0xFFFF);
    }
}

/* a[p][o] += pixel p . weights o over n channels, from tf_dsp_fill_pair_columns' columns: per 4 channels one
 * 4-word load of the columns, 2 weight words, 4 SXTB16 and 8 SMLAD. */
static inline __attribute__((always_inline)) void tf_dsp_dot_cols_2x2(const int32_t *cols, const int8_t *w0,
                                                                      const int8_t *w1, int32_t n, int32_t a[2][2])
{
    int32_t s00 = a[0][0], s01 = a[0][1], s10 = a[1][0], s11 = a[1][1], i = 0;
    for (; i + 4 <= n; i += 4, cols += 4) {
        /* the 4 column words in two LDRD (gcc emits four LDR) */
        int32_t c0, c1, c2, c3;
        __asm__("ldrd %0, %1, [%2]" : "=r"(c0), "=r"(c1) : "r"(cols), "m"(*(const int32_t(*)[2])cols));
        __asm__("ldrd %0, %1, [%2, #8]" : "=r"(c2), "=r"(c3) : "r"(cols), "m"(*(const int32_t(*)[4])cols));
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        int32_t e = __sxtb16(v0), o = tf_dsp_sxtb16_ror8(v0);
        s00 = __smlad(c0, e, s00);
        s10 = __smlad(c2, e, s10);
        s00 = __smlad(c1, o, s00);
        s10 = __smlad(c3, o, s10);
        e = __sxtb16(v1);
        o = tf_dsp_sxtb16_ror8(v1);
        s01 = __smlad(c0, e, s01);
        s11 = __smlad(c2, e, s11);
        s01 = __smlad(c1, o, s01);
        s11 = __smlad(c3, o, s11);
    }
    for (; i < n; ++i, ++cols) {
        tf_dsp_mac_2x2(w0[i], w1[i], (int16_t)(*cols & 0xFFFF), *cols >> 16, &s00, &s01, &s10, &s11);
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
}

/* 1x1 convolution of two pixels: all output channels of x0 and x1 into y0 and y1, two channels at a time
 * (x1 may equal x0, then y1 equals y0). Both pixels' inputs are read (into int16 columns on the stack, up to
 * TF_DSP_PAIR_MAX_C channels) before any output is written. OHWI weights as stored; fast as in
 * tf_dsp_chan_of. */
static inline __attribute__((always_inline)) void tf_dsp_conv1x1_pair(const tf_dsp_requant *r, int32_t in_c, int32_t out_c,
                                                                      const int8_t *filter, const int8_t *x0,
                                                                      const int8_t *x1, int8_t *y0, int8_t *y1,
                                                                      const int fast)
{
    int32_t cols[2 * TF_DSP_PAIR_MAX_C / 2];
    const int use_cols = in_c <= TF_DSP_PAIR_MAX_C;
    const int32_t lo4 = tf_dsp_bytes4(r->act_min), hi4 = tf_dsp_bytes4(r->act_max);
    int32_t oc;
    if (use_cols) {
        tf_dsp_fill_pair_columns(x0, x1, in_c, r->input_offset, cols);
    }
    for (oc = 0; oc < out_c; oc += 2) {
        const int32_t has1 = oc + 1 < out_c;
        const int8_t *w0 = filter + oc * in_c, *w1 = has1 ? w0 + in_c : w0;
        const tf_dsp_chan c0 = tf_dsp_chan_of(r, oc, fast), c1 = tf_dsp_chan_of(r, has1 ? oc + 1 : oc, fast);
        int32_t a[2][2];
        a[0][0] = a[1][0] = c0.bias;
        a[0][1] = a[1][1] = c1.bias;
        if (use_cols) {
            tf_dsp_dot_cols_2x2(cols, w0, w1, in_c, a);
        } else {
            tf_dsp_dot_2x2_s8(x0, x1, w0, w1, in_c, r->input_offset, a);
        }
        if (fast && has1) {
            tf_dsp_out2_s8(&c0, &c1, a[1][0], a[1][1], lo4, hi4, y1 + oc);
            tf_dsp_out2_s8(&c0, &c1, a[0][0], a[0][1], lo4, hi4, y0 + oc);
            continue;
        }
        y1[oc] = tf_dsp_out_s8(r, &c0, a[1][0], fast);
        y0[oc] = tf_dsp_out_s8(r, &c0, a[0][0], fast);
        if (has1) {
            y1[oc + 1] = tf_dsp_out_s8(r, &c1, a[1][1], fast);
            y0[oc + 1] = tf_dsp_out_s8(r, &c1, a[0][1], fast);
        }
    }
}

/* ---- 1x1 convolution over tiles of up to 4 pixels (fast requantization only) ---- */

/* Most input channels of a 4-pixel tile in the 1x1 kernels (its int16 columns: 4 * in_c * 2 bytes of stack). */
#define TF_DSP_TILE_MAX_C 512
/* Output channels whose constants are prepared at once. */
#define TF_DSP_CHUNK 32

/* One output channel's fast requantization constants and bias, read by the tile loop with word loads. */
typedef struct {
    int32_t multiplier, round_hi, round_lo, high_shift, bias;
} tf_dsp_chan_fast;

static inline void tf_dsp_chan_table(const tf_dsp_requant *r, int32_t oc0, int32_t n, tf_dsp_chan_fast *t)
{
    int32_t j;
    for (j = 0; j < n; ++j) {
        const tf_dsp_chan c = tf_dsp_chan_of(r, oc0 + j, 1);
        t[j].multiplier = c.q.multiplier;
        t[j].round_hi = c.q.round_hi;
        t[j].round_lo = c.q.round_lo;
        t[j].high_shift = c.q.high_shift;
        t[j].bias = c.bias;
    }
}

/* tf_mbqm_rshift + output offset (folded in round_hi), saturated to int8. */
static inline __attribute__((always_inline)) uint32_t tf_dsp_fast_s8(const tf_dsp_chan_fast *c, int32_t acc)
{
    const int64_t round = (int64_t)(((uint64_t)(uint32_t)c->round_hi << 32) | (uint32_t)c->round_lo)
                        - (int64_t)((uint32_t)acc & 0x80000000u);
    const int64_t sum = round + (int64_t)acc * c->multiplier;
    return (uint32_t)__ssat((int32_t)(sum >> 32) >> c->high_shift, 8);
}

/* Two adjacent channels' outputs (c0, c0 + 1) stored at y[0], y[1] (tf_dsp_clamp_store2). */
static inline __attribute__((always_inline)) void tf_dsp_store2_s8(const tf_dsp_chan_fast *c0, int32_t acc0,
                                                                  int32_t acc1, int32_t lo4, int32_t hi4, int8_t *y)
{
    tf_dsp_clamp_store2(tf_dsp_fast_s8(c0, acc0), tf_dsp_fast_s8(c0 + 1, acc1), lo4, hi4, y);
}

/* All output channels of up to 4 pixels x[0..npx-1] into y[0..npx-1] (npx 1..4, entries past npx repeat the
 * last pixel). Every input of the tile is read into int16 columns (tf_dsp_fill_pair_columns, pixel pairs
 * (0, 1) and (2, 3)) before any output is written; then per chunk of output channels, their constants once,
 * and per channel pair and pixel pair the 2x2 SMLAD block and two halfword stores. Needs r->fast; cols holds
 * in_c words per pixel pair (2 * in_c for npx > 2). */
static inline __attribute__((always_inline)) void tf_dsp_conv1x1_tile_fast(const tf_dsp_requant *r, int32_t in_c,
                                                                           int32_t out_c, const int8_t *filter,
                                                                           const int8_t *const x[4], int8_t *const y[4],
                                                                           int32_t npx, int32_t *cols)
{
    tf_dsp_chan_fast tab[TF_DSP_CHUNK];
    const int32_t lo4 = tf_dsp_bytes4(r->act_min), hi4 = tf_dsp_bytes4(r->act_max);
    const int32_t pairs = npx > 2 ? 2 : 1;
    int32_t c0, j, pp;
    tf_dsp_fill_pair_columns(x[0], x[1], in_c, r->input_offset, cols);
    if (pairs == 2) {
        tf_dsp_fill_pair_columns(x[2], x[3], in_c, r->input_offset, cols + in_c);
    }
    for (c0 = 0; c0 < out_c; c0 += TF_DSP_CHUNK) {
        const int32_t n = out_c - c0 < TF_DSP_CHUNK ? out_c - c0 : TF_DSP_CHUNK;
        tf_dsp_chan_table(r, c0, n, tab);
        for (j = 0; j < n; j += 2) {
            const int32_t has1 = j + 1 < n;
            const tf_dsp_chan_fast *t0 = &tab[j], *t1 = has1 ? t0 + 1 : t0;
            const int8_t *w0 = filter + (c0 + j) * in_c, *w1 = has1 ? w0 + in_c : w0;
            for (pp = 0; pp < pairs; ++pp) {
                int8_t *ya = y[2 * pp] + c0 + j, *yb = y[2 * pp + 1] + c0 + j;
                int32_t a[2][2];
                a[0][0] = a[1][0] = t0->bias;
                a[0][1] = a[1][1] = t1->bias;
                tf_dsp_dot_cols_2x2(cols + pp * in_c, w0, w1, in_c, a);
                if (has1) {
                    tf_dsp_store2_s8(t0, a[1][0], a[1][1], lo4, hi4, yb);
                    tf_dsp_store2_s8(t0, a[0][0], a[0][1], lo4, hi4, ya);
                } else {
                    *yb = (int8_t)tf_clamp_i32((int32_t)tf_dsp_fast_s8(t0, a[1][0]), r->act_min, r->act_max);
                    *ya = (int8_t)tf_clamp_i32((int32_t)tf_dsp_fast_s8(t0, a[0][0]), r->act_min, r->act_max);
                }
            }
        }
    }
}

#endif
