/* SOFTMAX float32, TFLite reference_ops::Softmax: exp((x - max) * beta) / sum, uses expf. */
#include <float.h>
#include <math.h>

#include "tf_kernels.h"

void tf_softmax_f32(float beta, int32_t rows, int32_t depth, const float *in, float *out)
{
    int32_t r, c;
    for (r = 0; r < rows; ++r) {
        const float *x = in + r * depth;
        float *y = out + r * depth;
        float max = -FLT_MAX, sum = 0.0f;
        for (c = 0; c < depth; ++c) {
            max = x[c] > max ? x[c] : max;
        }
        for (c = 0; c < depth; ++c) {
            y[c] = expf((x[c] - max) * beta);
            sum += y[c];
        }
        for (c = 0; c < depth; ++c) {
            y[c] = y[c] / sum;
        }
    }
}
