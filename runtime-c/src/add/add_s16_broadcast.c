/* ADD int16 with 4-D broadcasting (TFLite Broadcast*4DSlow order: n, h, w, c over the output). */
#include "tf_kernels.h"
#include "../common/tf_binary_s16.h"
#include "../common/tf_broadcast.h"

void tf_add_s16_broadcast(const tf_add_params *params, const tf_broadcast_shape *shape,
                         const int16_t *in1, const int16_t *in2, int16_t *out)
{
    const tf_bcast_strides s1 = tf_bcast_strides_of(&shape->in1);
    const tf_bcast_strides s2 = tf_bcast_strides_of(&shape->in2);
    const tf_dims *o = &shape->out;
    int32_t n, h, w, c;
    for (n = 0; n < o->n; ++n) {
        for (h = 0; h < o->h; ++h) {
            for (w = 0; w < o->w; ++w) {
                const int16_t *a = in1 + n * s1.n + h * s1.h + w * s1.w;
                const int16_t *b = in2 + n * s2.n + h * s2.h + w * s2.w;
                for (c = 0; c < o->c; ++c) {
                    const int16_t x1 = a[c * s1.c];
                    const int16_t x2 = b[c * s2.c];
                    *out++ = tf_add_sub_one_s16(params, x1, x2, 1);
                }
            }
        }
    }
}
