/* DIV float32 (elementwise and 4-D broadcast), as TFLite's reference: the quotient, then the fused
 * activation clamp. (ONNX Div on floats; TFLM's DIV is float-only too.) */
#include "tf_kernels.h"
#include "../common/tf_broadcast.h"

static float op_clamp(float a, float b, const tf_activation_f32 *act)
{
    const float v = a / b;
    return v < act->min ? act->min : (v > act->max ? act->max : v);
}

void tf_div_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = op_clamp(in1[i], in2[i], activation);
    }
}

void tf_div_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
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
                    *out++ = op_clamp(a[c * s1.c], b[c * s2.c], activation);
                }
            }
        }
    }
}
