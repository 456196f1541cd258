/* DEPTHWISE_CONV_2D int16 activations, int8 weights, int64 bias (16x8): TFLM
 * reference_integer_ops::DepthwiseConvPerChannel for int16 input. Zero points are 0 (input_offset
 * not applied); int64 accumulator; tf_mbqm_s64 requantization. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_depthwise_conv_s16_nhwc(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                               const tf_dims *in_dims, const int16_t *in,
                               const tf_dims *filter_dims, const int8_t *filter,
                               const int64_t *bias,
                               const tf_dims *out_dims, int16_t *out)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, f_w = filter_dims->w, out_c = out_dims->c;
    const int32_t mult = params->depth_multiplier;
    tf_window win;
    int32_t ic, m, fy, fx;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (ic = 0; ic < in_c; ++ic) {
            for (m = 0; m < mult; ++m) {
                const int32_t oc = ic * mult + m;
                int64_t acc = 0;
                for (fy = win.fy_lo; fy < win.fy_hi; ++fy) {
                    for (fx = win.fx_lo; fx < win.fx_hi; ++fx) {
                        const int64_t x = in[tf_window_in_pixel(&g, &win, fy, fx) * in_c + ic];
                        acc += (int64_t)filter[(fy * f_w + fx) * out_c + oc] * x;
                    }
                }
                if (bias != NULL) {
                    acc += bias[oc];
                }
                out[win.out_pixel * out_c + oc] =
                    tf_sat_s16(tf_mbqm_s64(acc, quant->multiplier[oc], quant->shift[oc]) + params->output_offset,
                               params->activation.min, params->activation.max);
            }
        }
    }
}
