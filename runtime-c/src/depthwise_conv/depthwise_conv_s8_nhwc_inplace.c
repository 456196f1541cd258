/* DEPTHWISE_CONV_2D int8 (per-channel) computed in place: the output overwrites the input, which
 * starts at the same address (TinyEngine's scheme). Input channels are handled one at a time: the
 * depth_multiplier output planes of channel ic are computed into scratch (reading only input channel
 * ic), then copied to the output's NHWC positions. Arithmetic identical to tf_depthwise_conv_s8_nhwc.
 *
 * Safe whenever no output write lands on an input byte of a channel not yet processed. With
 * multiplier 1 a write of channel ic at pixel p lands on byte p*C + ic, which belongs to input channel
 * ic itself (already consumed) or lies past the input: always safe, any stride or padding. With larger
 * multipliers the compiler replays the writes and uses this kernel only when it is safe. Batch 1 only. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_depthwise_conv_s8_nhwc_inplace(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                       const tf_dims *in_dims, const tf_dims *filter_dims,
                                       const int8_t *filter, const int32_t *bias,
                                       const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t mult = params->depth_multiplier;
    const int32_t plane = out_h * out_w;
    int32_t oy, ox, ic, m, fy, fx, p;

    for (ic = 0; ic < in_c; ++ic) {
        for (m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            int8_t *dst = scratch + m * plane;
            for (oy = 0; oy < out_h; ++oy) {
                const int32_t in_y0 = oy * params->stride.h - params->padding.top;
                for (ox = 0; ox < out_w; ++ox) {
                    const int32_t in_x0 = ox * params->stride.w - params->padding.left;
                    int32_t acc = 0;
                    for (fy = 0; fy < f_h; ++fy) {
                        const int32_t iy = in_y0 + params->dilation.h * fy;
                        if (iy < 0 || iy >= in_h) {
                            continue;
                        }
                        for (fx = 0; fx < f_w; ++fx) {
                            const int32_t ix = in_x0 + params->dilation.w * fx;
                            int32_t x, w;
                            if (ix < 0 || ix >= in_w) {
                                continue;
                            }
                            x = buf[(iy * in_w + ix) * in_c + ic];
                            w = filter[(fy * f_w + fx) * out_c + oc];
                            acc += w * (x + params->input_offset);
                        }
                    }
                    if (bias != NULL) {
                        acc += bias[oc];
                    }
                    dst[oy * out_w + ox] = tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc],
                                                         params->output_offset, params->activation.min,
                                                         params->activation.max);
                }
            }
        }
        /* Input channel ic is fully consumed: its bytes may now take the output. */
        for (m = 0; m < mult; ++m) {
            const int8_t *src = scratch + m * plane;
            int8_t *dst = buf + ic * mult + m;
            for (p = 0; p < plane; ++p) {
                dst[p * out_c] = src[p];
            }
        }
    }
}
