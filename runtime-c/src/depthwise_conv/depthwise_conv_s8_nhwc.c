/* DEPTHWISE_CONV_2D int8 (per-channel), TFLM reference_integer_ops::DepthwiseConvPerChannel. */
#include "tf_kernels.h"
#include "depthwise_conv_s8_ref.h"

void tf_depthwise_conv_s8_nhwc(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                               const tf_dims *in_dims, const int8_t *in,
                               const tf_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias,
                               const tf_dims *out_dims, int8_t *out)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, out_c = out_dims->c, mult = params->depth_multiplier;
    tf_window win;
    int32_t ic, m;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (ic = 0; ic < in_c; ++ic) {
            for (m = 0; m < mult; ++m) {
                const int32_t oc = ic * mult + m;
                out[win.out_pixel * out_c + oc] =
                    tf_depthwise_s8_output(params, quant, &g, &win, in, in_c, filter, bias, ic, oc, out_c);
            }
        }
    }
}
