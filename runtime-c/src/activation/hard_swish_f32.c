/* HARD_SWISH float32 as TFLite's reference: x * min(6, max(0, x + 3)) / 6 (the product before the division). */
#include "tf_kernels.h"

void tf_hard_swish_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        float r = x + 3.0f;
        r = r < 0.0f ? 0.0f : (r > 6.0f ? 6.0f : r);
        out[i] = x * r / 6.0f;
    }
}
