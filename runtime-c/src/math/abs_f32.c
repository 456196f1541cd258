/* ABS float32 (ONNX Abs): the magnitude, sign bit cleared (fabsf). */
#include "tf_kernels.h"
#include <math.h>

void tf_abs_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = fabsf(x);
    }
}
