/* CONV_2D int8 (per-channel), TFLM reference_integer_ops::ConvPerChannel arithmetic. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_conv_s8_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                     const tf_dims *in_dims, const int8_t *in,
                     const tf_dims *filter_dims, const int8_t *filter,
                     const int32_t *bias,
                     const tf_dims *out_dims, int8_t *out)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, f_w = filter_dims->w, f_c = filter_dims->c, out_c = out_dims->c;
    /* Grouped convolution: each group of out_c / groups filters sees f_c input channels. */
    const int32_t filters_per_group = out_c / (in_c / f_c);
    tf_window win;
    int32_t oc, fy, fx, ic;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (oc = 0; oc < out_c; ++oc) {
            const int32_t ic_base = (oc / filters_per_group) * f_c;
            int32_t acc = 0;
            for (fy = win.fy_lo; fy < win.fy_hi; ++fy) {
                for (fx = win.fx_lo; fx < win.fx_hi; ++fx) {
                    const int8_t *in_px = in + tf_window_in_pixel(&g, &win, fy, fx) * in_c + ic_base;
                    const int8_t *f_px = filter + ((oc * g.filter.h + fy) * f_w + fx) * f_c;
                    for (ic = 0; ic < f_c; ++ic) {
                        acc += (int32_t)f_px[ic] * ((int32_t)in_px[ic] + params->input_offset);
                    }
                }
            }
            if (bias != NULL) {
                acc += bias[oc];
            }
            out[win.out_pixel * out_c + oc] = tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc],
                                                            params->output_offset, params->activation.min,
                                                            params->activation.max);
        }
    }
}
