/* EXP float32 (ONNX Exp): the interpreter rounds the double exp once; expf may differ from that by an ulp. */
#include "tf_kernels.h"
#include <math.h>

void tf_exp_f32(int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = (float)exp((double)x);
    }
}
