/* MUL float32 (elementwise and 4-D broadcast), TFLite reference order: the operation, then
 * the fused activation clamp. */
#include "tf_kernels.h"
#include "../common/tf_binary_f32.h"

static float mul_clamp(float a, float b, const tf_activation_f32 *act)
{
    return tf_activate_f32(a * b, act);
}

void tf_mul_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out)
{
    tf_binary_f32(mul_clamp, activation, size, in1, in2, out);
}

void tf_mul_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out)
{
    tf_binary_f32_broadcast(mul_clamp, activation, shape, in1, in2, out);
}
