/* Depthwise convolution (depth multiplier 1, dilation 1, any filter size, stride and padding) of one group
 * of 4 channels over a small output plane, for cores with the ARMv7E-M DSP extension. Made for the late
 * layers of mobile networks (planes of 3x3 to 16x16 pixels with hundreds of channels), where the per-plane
 * set-up of tf_dw_plane_dsp.h costs more than the arithmetic.
 *
 * Phase 1, per output pixel and tap inside the image: one word load of the 4 channels' inputs, SXTAB16 twice
 * (x + input_offset of channels 0, 2 and 1, 3), one LDRD of the tap's 4 weights pre-packed as int16 pairs in
 * the same order, and SMLABB / SMLATT into 4 accumulators (taps in the padding are skipped, as TFLM
 * does). The accumulators of the whole plane go to the stack. Phase 2, per channel, tf_mbqm_rshift with
 * that channel's constants in registers. Included only where __ARM_FEATURE_DSP is defined.
 * Order: channel groups (4 channel planes at a time). */
#ifndef TF_DW_GROUP_DSP_H
#define TF_DW_GROUP_DSP_H

#include <stdint.h>
#include <string.h>
#include <arm_acle.h>
#include "tf_types.h"
#include "tf_quant.h"

/* Largest output plane (pixels) and filter (taps) of the group form. */
#define TF_DW_GROUP_MAX_PIXELS 256
#define TF_DW_GROUP_MAX_TAPS 49

static inline int32_t tf_dw_group_sxtab16_ror8(int32_t a, int32_t v)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(v));
    return r;
}

/* Whether the group form covers this layer: multiplier 1, dilation 1, batch 1, small plane and filter, every
 * shift in [-31, -1] (tf_mbqm_rshift). */
static inline int tf_dw_group_fits(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                   const tf_dims *in_dims, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    int32_t c;
    if (params->depth_multiplier != 1 || params->dilation.h != 1 || params->dilation.w != 1 || in_dims->n != 1
        || in_dims->c < 4 || out_dims->h * out_dims->w > TF_DW_GROUP_MAX_PIXELS
        || filter_dims->h * filter_dims->w > TF_DW_GROUP_MAX_TAPS) {
        return 0;
    }
    for (c = 0; c < in_dims->c; ++c) {
        if (quant->shift[c] > -1) {
            return 0;
        }
    }
    return 1;
}

/* Channels c0 .. c0 + 3 of the layer into dst[p * dst_stride + j] (p the output pixel, j 0..3). */
static inline void tf_dw_group4_s8(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                   const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                                   const int8_t *filter, const int32_t *bias, const tf_dims *out_dims, int32_t c0,
                                   int8_t *dst, int32_t dst_stride)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w, taps = f_h * f_w;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    const int32_t sh = params->stride.h, sw = params->stride.w, pad_t = params->padding.top, pad_l = params->padding.left;
    const int32_t off2 = (int32_t)(((uint32_t)params->input_offset << 16) | ((uint32_t)params->input_offset & 0xFFFFu));
    int32_t wpk[2 * TF_DW_GROUP_MAX_TAPS]; /* per tap: (w0, w2), (w1, w3) as int16 pairs */
    int32_t acc[4 * TF_DW_GROUP_MAX_PIXELS];
    int32_t t, oy, ox, j, p;
    for (t = 0; t < taps; ++t) {
        const int8_t *w = filter + t * c + c0;
        wpk[2 * t] = (int32_t)(((uint32_t)(int32_t)w[0] & 0xFFFFu) | ((uint32_t)(int32_t)w[2] << 16));
        wpk[2 * t + 1] = (int32_t)(((uint32_t)(int32_t)w[1] & 0xFFFFu) | ((uint32_t)(int32_t)w[3] << 16));
    }
    for (oy = 0, p = 0; oy < out_h; ++oy) {
        const int32_t iy0 = oy * sh - pad_t;
        const int32_t fy_lo = iy0 < 0 ? -iy0 : 0, fy_hi = in_h - iy0 < f_h ? in_h - iy0 : f_h;
        for (ox = 0; ox < out_w; ++ox, ++p) {
            const int32_t ix0 = ox * sw - pad_l;
            const int32_t fx_lo = ix0 < 0 ? -ix0 : 0, fx_hi = in_w - ix0 < f_w ? in_w - ix0 : f_w;
            int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, fy, fx;
            for (fy = fy_lo; fy < fy_hi; ++fy) {
                const int8_t *x = in + ((iy0 + fy) * in_w + ix0 + fx_lo) * c + c0;
                const int32_t *w = wpk + 2 * (fy * f_w + fx_lo);
                for (fx = fx_lo; fx < fx_hi; ++fx, x += c, w += 2) {
                    int32_t v;
                    memcpy(&v, x, 4);
                    {
                        const int32_t xe = __sxtab16(off2, v), xo = tf_dw_group_sxtab16_ror8(off2, v);
                        a0 = __smlabb(xe, w[0], a0);
                        a2 = __smlatt(xe, w[0], a2);
                        a1 = __smlabb(xo, w[1], a1);
                        a3 = __smlatt(xo, w[1], a3);
                    }
                }
            }
            acc[4 * p] = a0;
            acc[4 * p + 1] = a1;
            acc[4 * p + 2] = a2;
            acc[4 * p + 3] = a3;
        }
    }
    for (j = 0; j < 4; ++j) {
        const int32_t ch = c0 + j, b = bias != NULL ? bias[ch] : 0;
        const int32_t out_off = params->output_offset, act_min = params->activation.min, act_max = params->activation.max;
        const tf_rshift_quant q = tf_rshift_quant_of(quant->multiplier[ch], quant->shift[ch]);
        const int32_t pixels = out_h * out_w;
        int8_t *y = dst + j;
        for (p = 0; p < pixels; ++p, y += dst_stride) {
            *y = tf_sat_s8(tf_mbqm_rshift(acc[4 * p + j] + b, &q) + out_off, act_min, act_max);
        }
    }
}

#endif
