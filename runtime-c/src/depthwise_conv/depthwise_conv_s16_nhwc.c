/* DEPTHWISE_CONV_2D int16 activations, int8 weights, int64 bias (16x8): TFLM
 * reference_integer_ops::DepthwiseConvPerChannel for int16 input. Zero points are 0 (input_offset
 * not applied); int64 accumulator; tf_mbqm_s64 requantization. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_depthwise_conv_s16_nhwc(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                               const tf_dims *in_dims, const int16_t *in,
                               const tf_dims *filter_dims, const int8_t *filter,
                               const int64_t *bias,
                               const tf_dims *out_dims, int16_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t mult = params->depth_multiplier;
    int32_t b, oy, ox, ic, m, fy, fx;

    for (b = 0; b < out_dims->n; ++b) {
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * params->stride.h - params->padding.top;
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t in_x0 = ox * params->stride.w - params->padding.left;
                for (ic = 0; ic < in_c; ++ic) {
                    for (m = 0; m < mult; ++m) {
                        const int32_t oc = ic * mult + m;
                        int64_t acc = 0;
                        for (fy = 0; fy < f_h; ++fy) {
                            const int32_t iy = in_y0 + params->dilation.h * fy;
                            if (iy < 0 || iy >= in_h) {
                                continue;
                            }
                            for (fx = 0; fx < f_w; ++fx) {
                                const int32_t ix = in_x0 + params->dilation.w * fx;
                                int64_t x, w;
                                if (ix < 0 || ix >= in_w) {
                                    continue;
                                }
                                x = in[((b * in_h + iy) * in_w + ix) * in_c + ic];
                                w = filter[(fy * f_w + fx) * out_c + oc];
                                acc += w * x;
                            }
                        }
                        if (bias != NULL) {
                            acc += bias[oc];
                        }
                        out[((b * out_h + oy) * out_w + ox) * out_c + oc] = tf_sat_s16(
                            tf_mbqm_s64(acc, quant->multiplier[oc], quant->shift[oc]) +
                                params->output_offset,
                            params->activation.min, params->activation.max);
                    }
                }
            }
        }
    }
}
