/* MAX_POOL_2D float32, TFLite reference_ops::MaxPool. */
#include <float.h>

#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

void tf_maxpool_f32_nhwc(const tf_pool_f32_params *params, const tf_dims *in_dims,
                         const float *in, const tf_dims *out_dims, float *out)
{
    const tf_window_geom g = tf_window_geom_pool(params->stride, params->filter, params->padding, in_dims, out_dims);
    const int32_t depth = in_dims->c;
    tf_window win;
    int32_t c, y, x;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (c = 0; c < depth; ++c) {
            float m = -FLT_MAX;
            for (y = win.fy_lo; y < win.fy_hi; ++y) {
                for (x = win.fx_lo; x < win.fx_hi; ++x) {
                    const float v = in[tf_window_in_pixel(&g, &win, y, x) * depth + c];
                    m = v > m ? v : m;
                }
            }
            m = m < params->activation.min ? params->activation.min
                : (m > params->activation.max ? params->activation.max : m);
            out[win.out_pixel * depth + c] = m;
        }
    }
}
