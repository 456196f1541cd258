/* CONV_2D float32, TFLite reference_ops::Conv order of operations: products summed over
 * (fy, fx, ic) with out-of-image taps skipped, then + bias, then the activation clamp. Grouped
 * convolution as in the int8 kernel. */
#include "tf_kernels.h"
#include "../common/tf_window.h"

static float clampf(float x, const tf_activation_f32 *a)
{
    return x < a->min ? a->min : (x > a->max ? a->max : x);
}

void tf_conv_f32_nhwc(const tf_conv_f32_params *params,
                      const tf_dims *in_dims, const float *in,
                      const tf_dims *filter_dims, const float *filter, const float *bias,
                      const tf_dims *out_dims, float *out)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, f_w = filter_dims->w, f_c = filter_dims->c, out_c = out_dims->c;
    const int32_t filters_per_group = out_c / (in_c / f_c);
    tf_window win;
    int32_t oc, fy, fx, ic;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (oc = 0; oc < out_c; ++oc) {
            const int32_t ic_base = (oc / filters_per_group) * f_c;
            float total = 0.0f;
            for (fy = win.fy_lo; fy < win.fy_hi; ++fy) {
                for (fx = win.fx_lo; fx < win.fx_hi; ++fx) {
                    const float *in_px = in + tf_window_in_pixel(&g, &win, fy, fx) * in_c + ic_base;
                    const float *f_px = filter + ((oc * g.filter.h + fy) * f_w + fx) * f_c;
                    for (ic = 0; ic < f_c; ++ic) {
                        total += in_px[ic] * f_px[ic];
                    }
                }
            }
            out[win.out_pixel * out_c + oc] = clampf(total + (bias != NULL ? bias[oc] : 0.0f), &params->activation);
        }
    }
}
