/* LEAKY_RELU float32: x for x > 0, alpha * x otherwise. */
#include "tf_kernels.h"

void tf_leaky_relu_f32(float alpha, int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = in[i] > 0.0f ? in[i] : in[i] * alpha;
    }
}
