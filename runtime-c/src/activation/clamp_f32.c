/* RELU / RELU6 / RELU_N1_TO_1 float32: a clamp to the activation range. */
#include "tf_kernels.h"

void tf_clamp_f32(const tf_activation_f32 *activation, int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float v = in[i];
        out[i] = v < activation->min ? activation->min : (v > activation->max ? activation->max : v);
    }
}
