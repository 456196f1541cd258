/* LOG_SOFTMAX float32, TFLite reference_ops::LogSoftmax: x - max - log(sum exp(x - max)), with
 * expf / logf as std::exp / std::log on floats. */
#include <float.h>
#include <math.h>

#include "tf_kernels.h"

void tf_log_softmax_f32(int32_t rows, int32_t depth, const float *in, float *out)
{
    int32_t r, c;
    for (r = 0; r < rows; ++r) {
        const float *x = in + r * depth;
        float *y = out + r * depth;
        float max = -FLT_MAX, sum = 0.0f, log_sum;
        for (c = 0; c < depth; ++c) {
            max = x[c] > max ? x[c] : max;
        }
        for (c = 0; c < depth; ++c) {
            sum += expf(x[c] - max);
        }
        log_sum = logf(sum);
        for (c = 0; c < depth; ++c) {
            y[c] = x[c] - max - log_sum;
        }
    }
}
