/* AVERAGE_POOL_2D float32, TFLite reference_ops::AveragePool: sum over the clipped window
 * divided by the number of valid taps. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_avgpool_f32_nhwc(const tf_pool_f32_params *params, const tf_dims *in_dims,
                         const float *in, const tf_dims *out_dims, float *out)
{
    const tf_window_geom g = tf_window_geom_pool(params->stride, params->filter, params->padding, in_dims, out_dims);
    const int32_t depth = in_dims->c;
    tf_window win;
    int32_t c, y, x;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        const int32_t count = (win.fy_hi - win.fy_lo) * (win.fx_hi - win.fx_lo);
        for (c = 0; c < depth; ++c) {
            float total = 0.0f, v;
            for (y = win.fy_lo; y < win.fy_hi; ++y) {
                for (x = win.fx_lo; x < win.fx_hi; ++x) {
                    total += in[tf_window_in_pixel(&g, &win, y, x) * depth + c];
                }
            }
            v = count == 0 ? 0.0f : total / (float)count;
            v = v < params->activation.min ? params->activation.min
                : (v > params->activation.max ? params->activation.max : v);
            out[win.out_pixel * depth + c] = v;
        }
    }
}
