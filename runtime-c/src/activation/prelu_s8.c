/* PRELU int8 with a broadcast alpha, TFLite reference_ops::BroadcastPrelu4DSlow. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_broadcast.h"

void tf_prelu_s8(const tf_prelu_params *params, const tf_broadcast_shape *shape,
                 const int8_t *in, const int8_t *alpha, int8_t *out)
{
    const tf_bcast_strides s1 = tf_bcast_strides_of(&shape->in1);
    const tf_bcast_strides s2 = tf_bcast_strides_of(&shape->in2);
    const tf_dims *o = &shape->out;
    int32_t n, h, w, c;
    for (n = 0; n < o->n; ++n) {
        for (h = 0; h < o->h; ++h) {
            for (w = 0; w < o->w; ++w) {
                const int8_t *x_row = in + n * s1.n + h * s1.h + w * s1.w;
                const int8_t *a_row = alpha + n * s2.n + h * s2.h + w * s2.w;
                for (c = 0; c < o->c; ++c) {
                    const int32_t x = params->input_offset + x_row[c * s1.c];
                    int32_t y;
                    if (x >= 0) {
                        y = tf_mbqm(x, params->output_multiplier_1, params->output_shift_1);
                    } else {
                        const int32_t a = params->alpha_offset + a_row[c * s2.c];
                        y = tf_mbqm(x * a, params->output_multiplier_2, params->output_shift_2);
                    }
                    *out++ = tf_sat_s8(y + params->output_offset, TF_INT8_MIN, TF_INT8_MAX);
                }
            }
        }
    }
}
