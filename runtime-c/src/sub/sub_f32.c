/* SUB float32 (elementwise and 4-D broadcast), TFLite reference order: the operation, then
 * the fused activation clamp. */
#include "tf_kernels.h"
#include "../common/tf_binary_f32.h"

static float sub_clamp(float a, float b, const tf_activation_f32 *act)
{
    return tf_activate_f32(a - b, act);
}

void tf_sub_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out)
{
    tf_binary_f32(sub_clamp, activation, size, in1, in2, out);
}

void tf_sub_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out)
{
    tf_binary_f32_broadcast(sub_clamp, activation, shape, in1, in2, out);
}
