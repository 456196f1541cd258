/* CONV_2D int16 activations, int8 weights, int32 bias or none: TFLM conv.cc sends these to
 * reference_integer_ops::ConvPerChannel<int32_t> for int16 input: int32 accumulator and the 32-bit
 * MultiplyByQuantizedMultiplier (unlike the int64-bias kernel tf_conv_s16_bias32_nhwc). Zero points are 0. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_conv_s16_bias32_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                     const tf_dims *in_dims, const int16_t *in,
                     const tf_dims *filter_dims, const int8_t *filter,
                     const int32_t *bias,
                     const tf_dims *out_dims, int16_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w, f_c = filter_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    /* Grouped convolution: each group of out_c / groups filters sees f_c input channels. */
    const int32_t groups = in_c / f_c;
    const int32_t filters_per_group = out_c / groups;
    int32_t b, oy, ox, oc, fy, fx, ic;

    for (b = 0; b < out_dims->n; ++b) {
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t in_y0 = oy * params->stride.h - params->padding.top;
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t in_x0 = ox * params->stride.w - params->padding.left;
                for (oc = 0; oc < out_c; ++oc) {
                    const int32_t ic_base = (oc / filters_per_group) * f_c;
                    int32_t acc = 0;
                    for (fy = 0; fy < f_h; ++fy) {
                        const int32_t iy = in_y0 + params->dilation.h * fy;
                        if (iy < 0 || iy >= in_h) {
                            continue;
                        }
                        for (fx = 0; fx < f_w; ++fx) {
                            const int32_t ix = in_x0 + params->dilation.w * fx;
                            const int16_t *in_px;
                            const int8_t *f_px;
                            if (ix < 0 || ix >= in_w) {
                                continue;
                            }
                            in_px = in + ((b * in_h + iy) * in_w + ix) * in_c + ic_base;
                            f_px = filter + ((oc * f_h + fy) * f_w + fx) * f_c;
                            for (ic = 0; ic < f_c; ++ic) {
                                /* int32 sums wrap as the reference's do on two's complement targets */
                                acc = (int32_t)((uint32_t)acc + (uint32_t)((int32_t)f_px[ic] * in_px[ic]));
                            }
                        }
                    }
                    if (bias != NULL) {
                        acc = (int32_t)((uint32_t)acc + (uint32_t)bias[oc]);
                    }
                    out[((b * out_h + oy) * out_w + ox) * out_c + oc] = tf_sat_s16(
                        tf_mbqm(acc, quant->multiplier[oc], quant->shift[oc]) +
                            params->output_offset,
                        params->activation.min, params->activation.max);
                }
            }
        }
    }
}
