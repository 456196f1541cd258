/* NEG float32 (ONNX Neg): the sign flipped. */
#include "tf_kernels.h"

void tf_neg_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = -x;
    }
}
