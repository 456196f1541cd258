/* MAX_POOL_2D uint8 (plain or quantized: the max of stored values), as the int8 kernel: max over the clipped window, then the clamp. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_maxpool_u8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const uint8_t *in,
                        const tf_dims *out_dims, uint8_t *out)
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
                    int32_t m = 0;
                    for (y = fy_start; y < fy_end; ++y) {
                        for (x = fx_start; x < fx_end; ++x) {
                            m = tf_max_i32(m, in[((b * in_h + y0 + y) * in_w + x0 + x) * depth + c]);
                        }
                    }
                    out[((b * out_h + oy) * out_w + ox) * depth + c] =
                        (uint8_t)tf_min_i32(tf_max_i32(m, params->activation.min), params->activation.max);
                }
            }
        }
    }
}
