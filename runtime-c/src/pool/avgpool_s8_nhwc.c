/* AVERAGE_POOL_2D int8, TFLM reference_integer_ops::AveragePool: the window is clipped to the
 * image, padding is not counted, and the division rounds half away from zero. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_avgpool_s8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *out_dims, int8_t *out)
{
    const tf_window_geom g = tf_window_geom_pool(params->stride, params->filter, params->padding, in_dims, out_dims);
    const int32_t depth = in_dims->c;
    tf_window win;
    int32_t c, y, x;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        const int32_t count = (win.fy_hi - win.fy_lo) * (win.fx_hi - win.fx_lo);
        for (c = 0; c < depth; ++c) {
            int32_t acc = 0;
            for (y = win.fy_lo; y < win.fy_hi; ++y) {
                for (x = win.fx_lo; x < win.fx_hi; ++x) {
                    acc += in[tf_window_in_pixel(&g, &win, y, x) * depth + c];
                }
            }
            if (count == 0) {
                acc = 0; /* TFLM returns early on an empty window; never happens in valid models,
                            guard only against division by zero. */
            } else {
                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
            }
            out[win.out_pixel * depth + c] = tf_sat_s8(acc, params->activation.min, params->activation.max);
        }
    }
}
