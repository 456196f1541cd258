/* TANH float32 (tanhf). */
#include <math.h>

#include "tf_kernels.h"

void tf_tanh_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tanhf(in[i]);
    }
}
