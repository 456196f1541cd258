/* ELU float32 (ONNX Elu): x above zero, alpha * (exp(x) - 1) below. */
#include "tf_kernels.h"
#include <math.h>

void tf_elu_f32(float alpha, int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = x < 0.0f ? alpha * ((float)exp((double)x) - 1.0f) : x;
    }
}
