/* MAX_POOL_2D uint8 (plain or quantized: the max of stored values), as the int8 kernel: max over the clipped window, then the clamp. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_maxpool_u8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const uint8_t *in,
                        const tf_dims *out_dims, uint8_t *out)
{
    const tf_window_geom g = tf_window_geom_pool(params->stride, params->filter, params->padding, in_dims, out_dims);
    const int32_t depth = in_dims->c;
    tf_window win;
    int32_t c, y, x;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (c = 0; c < depth; ++c) {
            int32_t m = 0;
            for (y = win.fy_lo; y < win.fy_hi; ++y) {
                for (x = win.fx_lo; x < win.fx_hi; ++x) {
                    m = tf_max_i32(m, in[tf_window_in_pixel(&g, &win, y, x) * depth + c]);
                }
            }
            out[win.out_pixel * depth + c] =
                (uint8_t)tf_min_i32(tf_max_i32(m, params->activation.min), params->activation.max);
        }
    }
}
