/* MAXIMUM float32 (ONNX Max / Min, Clip bounds): the larger value, a > b ? a : b as TFLite's
 * reference compares (a NaN in b wins, one in a does not), elementwise or with 4-D broadcast. */
#include "tf_kernels.h"
#include "../common/tf_broadcast.h"

static float pick(float a, float b) { return a > b ? a : b; }

void tf_maximum_f32(int32_t size, const float *in1, const float *in2, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = pick(in1[i], in2[i]);
    }
}

void tf_maximum_f32_broadcast(const tf_broadcast_shape *shape,
                             const float *in1, const float *in2, float *out)
{
    const tf_bcast_strides s1 = tf_bcast_strides_of(&shape->in1);
    const tf_bcast_strides s2 = tf_bcast_strides_of(&shape->in2);
    const tf_dims *o = &shape->out;
    int32_t n, h, w, c;
    for (n = 0; n < o->n; ++n) {
        for (h = 0; h < o->h; ++h) {
            for (w = 0; w < o->w; ++w) {
                const float *a = in1 + n * s1.n + h * s1.h + w * s1.w;
                const float *b = in2 + n * s2.n + h * s2.h + w * s2.w;
                for (c = 0; c < o->c; ++c) {
                    *out++ = pick(a[c * s1.c], b[c * s2.c]);
                }
            }
        }
    }
}
