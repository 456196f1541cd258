/* MAXIMUM float32 (ONNX Max / Min, Clip bounds): the larger value, a > b ? a : b as TFLite's
 * reference compares (a NaN in b wins, one in a does not), elementwise or with 4-D broadcast. */
#include "tf_kernels.h"
#include "../common/tf_binary_f32.h"

static float pick(float a, float b, const tf_activation_f32 *unused)
{
    (void)unused;
    return a > b ? a : b;
}

void tf_maximum_f32(int32_t size, const float *in1, const float *in2, float *out)
{
    tf_binary_f32(pick, 0, size, in1, in2, out);
}

void tf_maximum_f32_broadcast(const tf_broadcast_shape *shape,
                             const float *in1, const float *in2, float *out)
{
    tf_binary_f32_broadcast(pick, 0, shape, in1, in2, out);
}
