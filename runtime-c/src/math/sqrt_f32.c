/* SQRT float32 (ONNX Sqrt): correctly rounded (a negative input gives NaN). */
#include "tf_kernels.h"
#include <math.h>

void tf_sqrt_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = sqrtf(x);
    }
}
