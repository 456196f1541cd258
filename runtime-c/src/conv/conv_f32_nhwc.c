/* CONV_2D float32, TFLite reference_ops::Conv order of operations: products summed over
 * (fy, fx, ic) with out-of-image taps skipped, then + bias, then the activation clamp. Grouped
 * convolution as in the int8 kernel. */
#include "tf_kernels.h"

static float clampf(float x, const tf_activation_f32 *a)
{
    return x < a->min ? a->min : (x > a->max ? a->max : x);
}

void tf_conv_f32_nhwc(const tf_conv_f32_params *params,
                      const tf_dims *in_dims, const float *in,
                      const tf_dims *filter_dims, const float *filter, const float *bias,
                      const tf_dims *out_dims, float *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w, f_c = filter_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
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
                    float total = 0.0f;
                    for (fy = 0; fy < f_h; ++fy) {
                        const int32_t iy = in_y0 + params->dilation.h * fy;
                        if (iy < 0 || iy >= in_h) {
                            continue;
                        }
                        for (fx = 0; fx < f_w; ++fx) {
                            const int32_t ix = in_x0 + params->dilation.w * fx;
                            const float *in_px;
                            const float *f_px;
                            if (ix < 0 || ix >= in_w) {
                                continue;
                            }
                            in_px = in + ((b * in_h + iy) * in_w + ix) * in_c + ic_base;
                            f_px = filter + ((oc * f_h + fy) * f_w + fx) * f_c;
                            for (ic = 0; ic < f_c; ++ic) {
                                total += in_px[ic] * f_px[ic];
                            }
                        }
                    }
                    out[((b * out_h + oy) * out_w + ox) * out_c + oc] =
                        clampf(total + (bias != NULL ? bias[oc] : 0.0f), &params->activation);
                }
            }
        }
    }
}
