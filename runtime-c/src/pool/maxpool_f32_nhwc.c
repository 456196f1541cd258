/* MAX_POOL_2D float32, TFLite reference_ops::MaxPool. */
#include <float.h>

#include "tf_kernels.h"
#include "tf_quant.h"

void tf_maxpool_f32_nhwc(const tf_pool_f32_params *params, const tf_dims *in_dims,
                         const float *in, const tf_dims *out_dims, float *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, depth = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    int32_t b, oy, ox, c, y, x;

    for (b = 0; b < out_dims->n; ++b) {
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t y0 = oy * params->stride.h - params->padding.top;
            const int32_t fy_start = tf_max_i32(0, -y0);
            const int32_t fy_end = tf_min_i32(params->filter.h, in_h - y0);
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t x0 = ox * params->stride.w - params->padding.left;
                const int32_t fx_start = tf_max_i32(0, -x0);
                const int32_t fx_end = tf_min_i32(params->filter.w, in_w - x0);
                for (c = 0; c < depth; ++c) {
                    float m = -FLT_MAX;
                    for (y = fy_start; y < fy_end; ++y) {
                        for (x = fx_start; x < fx_end; ++x) {
                            const float v = in[((b * in_h + y0 + y) * in_w + x0 + x) * depth + c];
                            m = v > m ? v : m;
                        }
                    }
                    m = m < params->activation.min ? params->activation.min
                        : (m > params->activation.max ? params->activation.max : m);
                    out[((b * out_h + oy) * out_w + ox) * depth + c] = m;
                }
            }
        }
    }
}
