/* MAXIMUM int8: raw comparison (TFLM requires input and output quantization to be equal), with
 * an elementwise and a 4-D broadcasting form. */
#include "tf_kernels.h"
#include "../common/tf_broadcast.h"

static int8_t pick(int8_t a, int8_t b) { return a > b ? a : b; }

void tf_maximum_s8(int32_t size, const int8_t *in1, const int8_t *in2, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = pick(in1[i], in2[i]);
    }
}

void tf_maximum_s8_broadcast(const tf_broadcast_shape *shape,
                             const int8_t *in1, const int8_t *in2, int8_t *out)
{
    const tf_bcast_strides s1 = tf_bcast_strides_of(&shape->in1);
    const tf_bcast_strides s2 = tf_bcast_strides_of(&shape->in2);
    const tf_dims *o = &shape->out;
    int32_t n, h, w, c;
    for (n = 0; n < o->n; ++n) {
        for (h = 0; h < o->h; ++h) {
            for (w = 0; w < o->w; ++w) {
                const int8_t *a = in1 + n * s1.n + h * s1.h + w * s1.w;
                const int8_t *b = in2 + n * s2.n + h * s2.h + w * s2.w;
                for (c = 0; c < o->c; ++c) {
                    *out++ = pick(a[c * s1.c], b[c * s2.c]);
                }
            }
        }
    }
}
