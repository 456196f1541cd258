/* AVERAGE_POOL_2D int8, TFLM reference_integer_ops::AveragePool: the window is clipped to the
 * image, padding is not counted, and the division rounds half away from zero. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_avgpool_s8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *out_dims, int8_t *out)
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
                const int32_t count = (fy_end - fy_start) * (fx_end - fx_start);
                for (c = 0; c < depth; ++c) {
                    int32_t acc = 0;
                    for (y = fy_start; y < fy_end; ++y) {
                        for (x = fx_start; x < fx_end; ++x) {
                            acc += in[((b * in_h + y0 + y) * in_w + x0 + x) * depth + c];
                        }
                    }
                    if (count == 0) {
                        acc = 0; /* TFLM returns early on an empty window; never happens in
                                    valid models, guard only against division by zero. */
                    } else {
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    }
                    out[((b * out_h + oy) * out_w + ox) * depth + c] =
                        tf_sat_s8(acc, params->activation.min, params->activation.max);
                }
            }
        }
    }
}
