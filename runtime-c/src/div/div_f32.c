/* DIV float32 (elementwise and 4-D broadcast), as TFLite's reference: the quotient, then the fused
 * activation clamp. (ONNX Div on floats; TFLM's DIV is float-only too.) */
#include "tf_kernels.h"
#include "../common/tf_binary_f32.h"

static float div_clamp(float a, float b, const tf_activation_f32 *act)
{
    return tf_activate_f32(a / b, act);
}

void tf_div_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out)
{
    tf_binary_f32(div_clamp, activation, size, in1, in2, out);
}

void tf_div_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out)
{
    tf_binary_f32_broadcast(div_clamp, activation, shape, in1, in2, out);
}
