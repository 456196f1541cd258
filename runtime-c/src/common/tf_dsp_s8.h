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
        const int32_t xe = __sxtab16(off2, xv), xo = __sxtab16(off2, tf_dsp_ror8(xv));
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        s0 = __smlad(xe, __sxtb16(v0), s0);
        s0 = __smlad(xo, __sxtb16(tf_dsp_ror8(v0)), s0);
        s1 = __smlad(xe, __sxtb16(v1), s1);
        s1 = __smlad(xo, __sxtb16(tf_dsp_ror8(v1)), s1);
    }
    for (; i < n; ++i) {
        const int32_t xi = (int32_t)x[i] + input_offset;
        s0 += (int32_t)w0[i] * xi;
        s1 += (int32_t)w1[i] * xi;
    }
    *a0 = s0;
    *a1 = s1;
}

/* The 2 pixels x 2 output channels block: a[p][o] += sum_i w_o[i] * (x_p[i] + off). */
static inline __attribute__((always_inline)) void tf_dsp_dot_2x2_s8(const int8_t *x0, const int8_t *x1, const int8_t *w0, const int8_t *w1,
                                     int32_t n, int32_t input_offset, int32_t a[2][2])
{
    const int32_t off2 = tf_dsp_pack_offset(input_offset);
    int32_t s00 = a[0][0], s01 = a[0][1], s10 = a[1][0], s11 = a[1][1], i = 0;
    for (; i + 4 <= n; i += 4) {
        const int32_t p0 = tf_dsp_load4(x0 + i), p1 = tf_dsp_load4(x1 + i);
        const int32_t p0e = __sxtab16(off2, p0), p0o = __sxtab16(off2, tf_dsp_ror8(p0));
        const int32_t p1e = __sxtab16(off2, p1), p1o = __sxtab16(off2, tf_dsp_ror8(p1));
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        const int32_t v0e = __sxtb16(v0), v0o = __sxtb16(tf_dsp_ror8(v0));
        const int32_t v1e = __sxtb16(v1), v1o = __sxtb16(tf_dsp_ror8(v1));
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
        const int32_t q0 = (int32_t)x0[i] + input_offset, q1 = (int32_t)x1[i] + input_offset;
        s00 += (int32_t)w0[i] * q0;
        s01 += (int32_t)w1[i] * q0;
        s10 += (int32_t)w0[i] * q1;
        s11 += (int32_t)w1[i] * q1;
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
}

/* The requantization constants of one layer as locals: the int8 output stores may alias params and
 * quant (char aliasing), so reading them through pointers reloads them after every store. fast: every
 * shift is <= -1, so tf_mbqm_rshift (one SMLAL) applies to every channel; else tf_mbqm. */
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
        r.fast &= quant->shift[oc] <= -1;
    }
    return r;
}

/* One output channel: its bias (0 without) and requantization constants. */
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
    const int32_t v = fast ? tf_mbqm_rshift(acc, &c->q) : tf_mbqm(acc, c->q.multiplier, c->shift);
    return tf_sat_s8(v + r->output_offset, r->act_min, r->act_max);
}

/* tf_requant_s8 of output channel oc, its bias (if any) added first. */
static inline int8_t tf_dsp_requant_s8(const tf_dsp_requant *r, int32_t oc, int32_t acc)
{
    if (r->bias != NULL) {
        acc += r->bias[oc];
    }
    return tf_requant_s8(acc, r->multiplier[oc], r->shift[oc], r->output_offset, r->act_min, r->act_max);
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
        cols[1] = __sxtab16(off2, tf_dsp_ror8(p0));
        cols[2] = __sxtab16(off2, p1);
        cols[3] = __sxtab16(off2, tf_dsp_ror8(p1));
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
        const int32_t c0 = cols[0], c1 = cols[1], c2 = cols[2], c3 = cols[3];
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        int32_t e = __sxtb16(v0), o = __sxtb16(tf_dsp_ror8(v0));
        s00 = __smlad(c0, e, s00);
        s10 = __smlad(c2, e, s10);
        s00 = __smlad(c1, o, s00);
        s10 = __smlad(c3, o, s10);
        e = __sxtb16(v1);
        o = __sxtb16(tf_dsp_ror8(v1));
        s01 = __smlad(c0, e, s01);
        s11 = __smlad(c2, e, s11);
        s01 = __smlad(c1, o, s01);
        s11 = __smlad(c3, o, s11);
    }
    for (; i < n; ++i, ++cols) {
        const int32_t q0 = (int32_t)(int16_t)(*cols & 0xFFFF), q1 = *cols >> 16;
        s00 += (int32_t)w0[i] * q0;
        s01 += (int32_t)w1[i] * q0;
        s10 += (int32_t)w0[i] * q1;
        s11 += (int32_t)w1[i] * q1;
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
        y1[oc] = tf_dsp_out_s8(r, &c0, a[1][0], fast);
        y0[oc] = tf_dsp_out_s8(r, &c0, a[0][0], fast);
        if (has1) {
            y1[oc + 1] = tf_dsp_out_s8(r, &c1, a[1][1], fast);
            y0[oc + 1] = tf_dsp_out_s8(r, &c1, a[0][1], fast);
        }
    }
}

#endif
