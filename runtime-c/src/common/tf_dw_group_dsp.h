/* Depthwise convolution (depth multiplier 1, dilation 1, any filter size up to 7x7, stride and padding) of one
 * group of 4 channels, one output row at a time, for cores with the ARMv7E-M DSP extension.
 *
 * Per output pixel: the 4 accumulators start at the 4 biases; per tap inside the image one word load of the
 * 4 channels' inputs, SXTAB16 twice (x + input_offset of channels 0, 2 and 1, 3), one LDRD of the tap's 4
 * weights pre-packed as int16 pairs in the same order, and SMLABB / SMLATT into the 4 accumulators (taps in
 * the padding are skipped, as TFLM does). Interior pixels of 3x3, 5x5 and 7x7 filters run with the filter
 * size a constant (taps unrolled, no bounds); border pixels loop over the taps inside the image. Then
 * tf_mbqm_rshift per channel (one SMLAL) with that channel's constants from the group context.
 * Included only where __ARM_FEATURE_DSP is defined.
 * Order: channel groups (4 channels at a time), each group's output rows in order. */
#ifndef TF_DW_GROUP_DSP_H
#define TF_DW_GROUP_DSP_H

#include <stdint.h>
#include <string.h>
#include <arm_acle.h>
#include "tf_types.h"
#include "tf_quant.h"

/* Largest filter (taps) of the group form. */
#define TF_DW_GROUP_MAX_TAPS 49

static inline int32_t tf_dw_group_sxtab16_ror8(int32_t a, int32_t v)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(v));
    return r;
}

/* Whether the group form covers this layer: multiplier 1, dilation 1, batch 1, at least 4 channels, a filter of
 * at most TF_DW_GROUP_MAX_TAPS taps, every shift in [-31, -1] (tf_mbqm_rshift). */
static inline int tf_dw_group_fits(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                   const tf_dims *in_dims, const tf_dims *filter_dims)
{
    int32_t c;
    if (params->depth_multiplier != 1 || params->dilation.h != 1 || params->dilation.w != 1 || in_dims->n != 1
        || in_dims->c < 4 || filter_dims->h * filter_dims->w > TF_DW_GROUP_MAX_TAPS) {
        return 0;
    }
    for (c = 0; c < in_dims->c; ++c) {
        if (quant->shift[c] > -1) {
            return 0;
        }
    }
    return 1;
}

/* One group's constants: packed weights, biases, requantization, and the layer's geometry. */
typedef struct {
    int32_t wpk[2 * TF_DW_GROUP_MAX_TAPS]; /* per tap: (w0, w2), (w1, w3) as int16 pairs */
    int32_t bias[4];                       /* channel order 0, 2, 1, 3 (the accumulators') */
    tf_rshift_quant q[4];                  /* channel order 0, 1, 2, 3 */
    const int8_t *in;                      /* the image at channel c0 */
    int32_t in_h, in_w, c, f_h, f_w, out_w, sh, sw, pad_t, pad_l, off2, out_off, act_min, act_max;
    int32_t ox_lo, ox_hi;                  /* interior columns: every tap inside the image's width */
} tf_dw_group_ctx;

/* The packed weights wpk of channels c0 .. c0 + 3 (g->c set). */
static inline void tf_dw_group_pack(tf_dw_group_ctx *g, const int8_t *filter, int32_t taps, int32_t c0)
{
    int32_t t;
    for (t = 0; t < taps; ++t) {
        const int8_t *w = filter + t * g->c + c0;
        g->wpk[2 * t] = (int32_t)(((uint32_t)(int32_t)w[0] & 0xFFFFu) | ((uint32_t)(int32_t)w[2] << 16));
        g->wpk[2 * t + 1] = (int32_t)(((uint32_t)(int32_t)w[1] & 0xFFFFu) | ((uint32_t)(int32_t)w[3] << 16));
    }
}

/* The group's constants; pack: also the packed weights wpk (the pair form of tf_dw_pair_dsp.h packs its own). */
static inline void tf_dw_group_ctx_init(tf_dw_group_ctx *g, const tf_dw_conv_params *params,
                                        const tf_per_channel_quant *quant, const tf_dims *in_dims, const int8_t *in,
                                        const tf_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                        const tf_dims *out_dims, int32_t c0, int32_t pack)
{
    const int32_t taps = filter_dims->h * filter_dims->w;
    int32_t j, lo, hi;
    g->in = in + c0;
    g->in_h = in_dims->h;
    g->in_w = in_dims->w;
    g->c = in_dims->c;
    g->f_h = filter_dims->h;
    g->f_w = filter_dims->w;
    g->out_w = out_dims->w;
    g->sh = params->stride.h;
    g->sw = params->stride.w;
    g->pad_t = params->padding.top;
    g->pad_l = params->padding.left;
    g->off2 = (int32_t)(((uint32_t)params->input_offset << 16) | ((uint32_t)params->input_offset & 0xFFFFu));
    g->out_off = params->output_offset;
    g->act_min = params->activation.min;
    g->act_max = params->activation.max;
    if (pack) {
        tf_dw_group_pack(g, filter, taps, c0);
    }
    for (j = 0; j < 4; ++j) {
        g->q[j] = tf_rshift_quant_of(quant->multiplier[c0 + j], quant->shift[c0 + j]);
    }
    g->bias[0] = bias != NULL ? bias[c0] : 0;
    g->bias[1] = bias != NULL ? bias[c0 + 2] : 0;
    g->bias[2] = bias != NULL ? bias[c0 + 1] : 0;
    g->bias[3] = bias != NULL ? bias[c0 + 3] : 0;
    /* Interior columns: ox*sw - pad_l >= 0 and ox*sw - pad_l + f_w - 1 < in_w. */
    lo = (g->pad_l + g->sw - 1) / g->sw;
    hi = g->in_w - g->f_w + g->pad_l >= 0 ? (g->in_w - g->f_w + g->pad_l) / g->sw + 1 : 0;
    if (hi > g->out_w) {
        hi = g->out_w;
    }
    if (lo > hi) {
        lo = hi;
    }
    g->ox_lo = lo;
    g->ox_hi = hi;
}

/* The 4 outputs of one pixel from accumulators a0..a3 (channel order 0, 2, 1, 3) into y[0..3]. */
static inline __attribute__((always_inline)) void tf_dw_group_out4(const tf_dw_group_ctx *g, int32_t a0, int32_t a1,
                                                                   int32_t a2, int32_t a3, int8_t *y)
{
    y[0] = tf_sat_s8(tf_mbqm_rshift(a0, &g->q[0]) + g->out_off, g->act_min, g->act_max);
    y[1] = tf_sat_s8(tf_mbqm_rshift(a2, &g->q[1]) + g->out_off, g->act_min, g->act_max);
    y[2] = tf_sat_s8(tf_mbqm_rshift(a1, &g->q[2]) + g->out_off, g->act_min, g->act_max);
    y[3] = tf_sat_s8(tf_mbqm_rshift(a3, &g->q[3]) + g->out_off, g->act_min, g->act_max);
}

/* One tap: 4 inputs at x, weights w[0..1], into a[0..3] (channel order 0, 2, 1, 3). */
#define TF_DW_GROUP_TAP(x, w, a0, a1, a2, a3)                                                  \
    do {                                                                                       \
        int32_t v_;                                                                            \
        memcpy(&v_, (x), 4);                                                                   \
        {                                                                                      \
            const int32_t xe_ = __sxtab16(g->off2, v_), xo_ = tf_dw_group_sxtab16_ror8(g->off2, v_); \
            a0 = __smlabb(xe_, (w)[0], a0);                                                     \
            a1 = __smlatt(xe_, (w)[0], a1);                                                     \
            a2 = __smlabb(xo_, (w)[1], a2);                                                     \
            a3 = __smlatt(xo_, (w)[1], a3);                                                     \
        }                                                                                      \
    } while (0)

/* Interior pixels ox_lo .. ox_hi - 1 of a row whose k input rows start at x (row iy0, column of ox_lo), k a
 * constant after inlining. */
static inline __attribute__((always_inline)) void tf_dw_group_interior_k(const tf_dw_group_ctx *g, const int32_t k,
                                                                         const int8_t *x, int8_t *y,
                                                                         int32_t y_stride, int32_t n)
{
    const int32_t c = g->c, row = g->in_w * c, step = g->sw * c;
    int32_t i, fy, fx;
    for (i = 0; i < n; ++i, x += step, y += y_stride) {
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        const int32_t *w = g->wpk;
        const int8_t *p = x;
#pragma GCC unroll 1
        for (fy = 0; fy < k; ++fy, p += row) {
            const int8_t *q = p;
#pragma GCC unroll 7
            for (fx = 0; fx < k; ++fx, q += c, w += 2) {
                TF_DW_GROUP_TAP(q, w, a0, a1, a2, a3);
            }
        }
        tf_dw_group_out4(g, a0, a1, a2, a3, y);
    }
}

/* Output pixel ox of row oy (input rows fy_lo .. fy_hi - 1 of the filter inside the image): only the taps
 * inside the image. */
static inline void tf_dw_group_border(const tf_dw_group_ctx *g, int32_t iy0, int32_t fy_lo, int32_t fy_hi,
                                      int32_t ox, int8_t *y)
{
    const int32_t ix0 = ox * g->sw - g->pad_l;
    const int32_t fx_lo = ix0 < 0 ? -ix0 : 0, fx_hi = g->in_w - ix0 < g->f_w ? g->in_w - ix0 : g->f_w;
    int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3], fy, fx;
    for (fy = fy_lo; fy < fy_hi; ++fy) {
        const int8_t *x = g->in + ((iy0 + fy) * g->in_w + ix0 + fx_lo) * g->c;
        const int32_t *w = g->wpk + 2 * (fy * g->f_w + fx_lo);
        for (fx = fx_lo; fx < fx_hi; ++fx, x += g->c, w += 2) {
            TF_DW_GROUP_TAP(x, w, a0, a1, a2, a3);
        }
    }
    tf_dw_group_out4(g, a0, a1, a2, a3, y);
}

/* Output row oy of the group's 4 channels: pixel ox into y[ox * y_stride + j], j 0..3. */
static inline void tf_dw_group4_row_s8(const tf_dw_group_ctx *g, int32_t oy, int8_t *y, int32_t y_stride)
{
    const int32_t iy0 = oy * g->sh - g->pad_t, k = g->f_h;
    const int32_t fy_lo = iy0 < 0 ? -iy0 : 0, fy_hi = g->in_h - iy0 < g->f_h ? g->in_h - iy0 : g->f_h;
    const int32_t inside = fy_lo == 0 && fy_hi == g->f_h && g->f_w == k && (k == 3 || k == 5 || k == 7);
    const int32_t lo = inside ? g->ox_lo : g->out_w, hi = inside ? g->ox_hi : g->out_w;
    int32_t ox;
    for (ox = 0; ox < lo; ++ox) {
        tf_dw_group_border(g, iy0, fy_lo, fy_hi, ox, y + ox * y_stride);
    }
    if (lo < hi) {
        const int8_t *x = g->in + (iy0 * g->in_w + lo * g->sw - g->pad_l) * g->c;
        if (k == 3) {
            tf_dw_group_interior_k(g, 3, x, y + lo * y_stride, y_stride, hi - lo);
        } else if (k == 5) {
            tf_dw_group_interior_k(g, 5, x, y + lo * y_stride, y_stride, hi - lo);
        } else {
            tf_dw_group_interior_k(g, 7, x, y + lo * y_stride, y_stride, hi - lo);
        }
    }
    for (ox = hi > lo ? hi : lo; ox < g->out_w; ++ox) {
        tf_dw_group_border(g, iy0, fy_lo, fy_hi, ox, y + ox * y_stride);
    }
}

#endif
