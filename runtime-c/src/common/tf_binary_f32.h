/* Internal: the elementwise and 4-D broadcasting loops of the float binary kernels (ADD, SUB, MUL, DIV,
 * MAXIMUM, MINIMUM), around one per-element function, so the two forms can never disagree. */
#ifndef TF_BINARY_F32_H
#define TF_BINARY_F32_H

#include "tf_types.h"
#include "tf_broadcast.h"

/* One output element from two inputs; act is the fused activation (NULL for ops without one). */
typedef float (*tf_binary_f32_fn)(float a, float b, const tf_activation_f32 *act);

/* The fused activation clamp, applied after the operation as TFLite's reference does. */
static inline float tf_activate_f32(float v, const tf_activation_f32 *act)
{
    return v < act->min ? act->min : (v > act->max ? act->max : v);
}

static inline void tf_binary_f32(tf_binary_f32_fn op, const tf_activation_f32 *act, int32_t size,
                                 const float *in1, const float *in2, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) out[i] = op(in1[i], in2[i], act);
}

static inline void tf_binary_f32_broadcast(tf_binary_f32_fn op, const tf_activation_f32 *act,
                                           const tf_broadcast_shape *shape, const float *in1,
                                           const float *in2, float *out)
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
                for (c = 0; c < o->c; ++c) *out++ = op(a[c * s1.c], b[c * s2.c], act);
            }
        }
    }
}

#endif
