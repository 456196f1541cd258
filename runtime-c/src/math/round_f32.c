/* ROUND float32 (ONNX Round): to the nearest integer, ties to even (rint in the default rounding mode). */
#include "tf_kernels.h"
#include <math.h>

void tf_round_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = (float)rint((double)x);
    }
}
