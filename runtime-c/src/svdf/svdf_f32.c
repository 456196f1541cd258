/* SVDF float32: TFLM svdf_common.cc EvalFloatSvdfReference for one invocation, in its order of
 * operations (feature dot products from 0.0f; per filter a time dot product from 0.0f; per unit
 * bias, then each of the rank filters' sums added in turn; then the activation). */
#include "tf_kernels.h"

void tf_svdf_f32(const tf_activation_f32 *activation, const tf_svdf_dims *dims, const float *in,
                 const float *weights_feature, const float *weights_time, const float *bias,
                 float *state, float *out)
{
    const int32_t n_state = dims->batches * dims->filters * dims->memory;
    const int32_t units = dims->filters / dims->rank;
    int32_t i, b, f, u, k, j;

    for (i = 0; i + 1 < n_state; ++i) {
        state[i] = state[i + 1];
    }
    for (b = 0; b < dims->batches; ++b) {
        const float *x = in + b * dims->input_size;
        for (f = 0; f < dims->filters; ++f) {
            const float *w = weights_feature + f * dims->input_size;
            float dot = 0.0f;
            for (i = 0; i < dims->input_size; ++i) {
                dot += w[i] * x[i];
            }
            state[(b * dims->filters + f) * dims->memory + dims->memory - 1] = dot;
        }
    }
    for (b = 0; b < dims->batches; ++b) {
        for (u = 0; u < units; ++u) {
            float acc = bias != NULL ? bias[u] : 0.0f;
            for (k = 0; k < dims->rank; ++k) {
                const int32_t filter = u * dims->rank + k;
                const float *wt = weights_time + filter * dims->memory;
                const float *s = state + (b * dims->filters + filter) * dims->memory;
                float t = 0.0f;
                for (j = 0; j < dims->memory; ++j) {
                    t += wt[j] * s[j];
                }
                acc += t;
            }
            /* std::max(min, acc) then std::min(acc, max): RELU of -0.0f gives +0.0f as in TFLM */
            acc = activation->min < acc ? acc : activation->min;
            out[b * units + u] = acc < activation->max ? acc : activation->max;
        }
    }
}
