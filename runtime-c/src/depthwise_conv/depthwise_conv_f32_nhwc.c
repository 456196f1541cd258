/* DEPTHWISE_CONV_2D float32, TFLite reference_ops::DepthwiseConv order of operations. */
#include "tf_kernels.h"
#include "../common/tf_window.h"

static float clampf(float x, const tf_activation_f32 *a)
{
    return x < a->min ? a->min : (x > a->max ? a->max : x);
}

void tf_depthwise_conv_f32_nhwc(const tf_dw_conv_f32_params *params,
                                const tf_dims *in_dims, const float *in,
                                const tf_dims *filter_dims, const float *filter,
                                const float *bias, const tf_dims *out_dims, float *out)
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
                float total = 0.0f;
                for (fy = win.fy_lo; fy < win.fy_hi; ++fy) {
                    for (fx = win.fx_lo; fx < win.fx_hi; ++fx) {
                        total += in[tf_window_in_pixel(&g, &win, fy, fx) * in_c + ic] * filter[(fy * f_w + fx) * out_c + oc];
                    }
                }
                out[win.out_pixel * out_c + oc] = clampf(total + (bias != NULL ? bias[oc] : 0.0f), &params->activation);
            }
        }
    }
}
