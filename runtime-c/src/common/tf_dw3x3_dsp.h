/* One channel plane of a 3x3, depth-multiplier-1, dilation-1 int8 depthwise convolution for cores with
 * the ARMv7E-M DSP extension. The channel's nine weights stay in registers as int16 pairs; interior
 * pixels use sum w*(x + off) = sum w*x + off*sum w (exact: int32 addition wraps the same in any order)
 * with three SMLADs and one MLA per pixel, border pixels the plain loop over the taps inside the image.
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW3X3_DSP_H
#define TF_DW3X3_DSP_H

#include <stdint.h>
#include <arm_acle.h>
#include "tf_types.h"
#include "tf_quant.h"

/* Two int16 halves: lo in bits 0-15, hi in bits 16-31 (PKHBT). */
static inline int32_t tf_dw_pack16(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

/* Output plane of input channel ic (== output channel ic): dst[(oy*out_w + ox) * dst_stride]. in points
 * at the image (batch 0), in_c is its channel stride, w at the filter's 9 taps of this channel with
 * stride w_stride (the filter is 1x3x3xC). */
static inline void tf_dw3x3_plane_s8(const tf_dw_conv_params *params, int32_t multiplier, int32_t shift,
                                     int32_t bias, const tf_dims *in_dims, const int8_t *in, int32_t ic,
                                     const int8_t *w, int32_t w_stride, const tf_dims *out_dims, int8_t *dst,
                                     int32_t dst_stride)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    const int32_t off = params->input_offset, row = in_w * in_c;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    int32_t k[9], wsum = 0, oy, ox, t;
    for (t = 0; t < 9; ++t) {
        k[t] = w[t * w_stride];
        wsum += k[t];
    }
    {
        const int32_t k01 = tf_dw_pack16(k[0], k[1]), k23 = tf_dw_pack16(k[2], k[3]);
        const int32_t k45 = tf_dw_pack16(k[4], k[5]), k67 = tf_dw_pack16(k[6], k[7]), k8 = k[8];
        const int32_t base = bias + off * wsum;
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t iy0 = oy * sh - params->padding.top;
            const int32_t rows_inside = iy0 >= 0 && iy0 + 2 < in_h;
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t ix0 = ox * sw - params->padding.left;
                int32_t acc;
                if (rows_inside && ix0 >= 0 && ix0 + 2 < in_w) {
                    const int8_t *p = in + iy0 * row + ix0 * in_c + ic;
                    const int8_t *q = p + row, *r = q + row;
                    acc = __smlad(tf_dw_pack16(p[0], p[in_c]), k01, base);
                    acc = __smlad(tf_dw_pack16(p[2 * in_c], q[0]), k23, acc);
                    acc = __smlad(tf_dw_pack16(q[in_c], q[2 * in_c]), k45, acc);
                    acc = __smlad(tf_dw_pack16(r[0], r[in_c]), k67, acc);
                    acc += k8 * r[2 * in_c];
                } else {
                    int32_t fy, fx;
                    acc = bias;
                    for (fy = 0; fy < 3; ++fy) {
                        const int32_t iy = iy0 + fy;
                        if (iy < 0 || iy >= in_h) {
                            continue;
                        }
                        for (fx = 0; fx < 3; ++fx) {
                            const int32_t ix = ix0 + fx;
                            if (ix < 0 || ix >= in_w) {
                                continue;
                            }
                            acc += k[fy * 3 + fx] * ((int32_t)in[iy * row + ix * in_c + ic] + off);
                        }
                    }
                }
                dst[(oy * out_w + ox) * dst_stride] =
                    tf_requant_s8(acc, multiplier, shift, params->output_offset, params->activation.min,
                                  params->activation.max);
            }
        }
    }
}

#endif
