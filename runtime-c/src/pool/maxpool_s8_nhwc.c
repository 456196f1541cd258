/* MAX_POOL_2D int8, TFLM reference_integer_ops::MaxPool: max over the clipped window. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_maxpool_s8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *out_dims, int8_t *out)
{
    const tf_window_geom g = tf_window_geom_pool(params->stride, params->filter, params->padding, in_dims, out_dims);
    const int32_t depth = in_dims->c;
    tf_window win;
    int32_t c, y, x;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (c = 0; c < depth; ++c) {
            int32_t m = TF_INT8_MIN;
            for (y = win.fy_lo; y < win.fy_hi; ++y) {
                for (x = win.fx_lo; x < win.fx_hi; ++x) {
                    m = tf_max_i32(m, in[tf_window_in_pixel(&g, &win, y, x) * depth + c]);
                }
            }
            out[win.out_pixel * depth + c] = tf_sat_s8(m, params->activation.min, params->activation.max);
        }
    }
}
