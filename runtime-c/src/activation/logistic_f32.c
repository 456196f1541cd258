/* LOGISTIC float32, TFLite reference_ops::Logistic with its cut-offs (uses expf). */
#include <math.h>

#include "tf_kernels.h"

void tf_logistic_f32(int32_t size, const float *in, float *out)
{
    const float cutoff_upper = 16.619047164916992188f;
    const float cutoff_lower = -9.0f;
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float v = in[i];
        if (v > cutoff_upper) {
            out[i] = 1.0f;
        } else if (v < cutoff_lower) {
            out[i] = expf(v);
        } else {
            out[i] = 1.0f / (1.0f + expf(-v));
        }
    }
}
