/* SVDF int8 input and weights_feature, int16_t weights_time and activation state: TFLM
 * svdf_common.cc EvalIntegerSvdfReference<int16_t> for one invocation. The state persists between
 * invocations (the caller keeps it); int32 sums wrap like the reference's on two's complement
 * targets, and the per-unit rank reduction needs no scratch: integer addition is associative. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_svdf_s8(const tf_svdf_params *params, const tf_svdf_dims *dims, const int8_t *in,
        const int8_t *weights_feature, const int16_t *weights_time, const int32_t *bias,
        int16_t *state, int8_t *out)
{
    const int32_t n_state = dims->batches * dims->filters * dims->memory;
    const int32_t units = dims->filters / dims->rank;
    int32_t i, b, f, u, k, j;

    /* Shift the state left by one: the oldest column drops out, the newest is rewritten below. */
    for (i = 0; i + 1 < n_state; ++i) {
        state[i] = state[i + 1];
    }
    /* Feature matmul into the newest column of every (batch, filter) row. */
    for (b = 0; b < dims->batches; ++b) {
        const int8_t *x = in + b * dims->input_size;
        for (f = 0; f < dims->filters; ++f) {
            const int8_t *w = weights_feature + f * dims->input_size;
            uint32_t dot = 0;
            int32_t v;
            for (i = 0; i < dims->input_size; ++i) {
                dot += (uint32_t)((int32_t)w[i] * (x[i] - params->input_zero_point));
            }
            v = tf_mbqm((int32_t)dot, params->effective_scale_1_a, params->effective_scale_1_b);
            v = tf_clamp_i32(params->activation_state_zero_point + v, (-32768), 32767);
            state[(b * dims->filters + f) * dims->memory + dims->memory - 1] = (int16_t)v;
        }
    }
    /* Time matmul, rank reduction, bias, requantization. */
    for (b = 0; b < dims->batches; ++b) {
        for (u = 0; u < units; ++u) {
            uint32_t acc = bias != NULL ? (uint32_t)bias[u] : 0u;
            for (k = 0; k < dims->rank; ++k) {
                const int32_t filter = u * dims->rank + k;
                const int16_t *wt = weights_time + filter * dims->memory;
                const int16_t *s = state + (b * dims->filters + filter) * dims->memory;
                for (j = 0; j < dims->memory; ++j) {
                    acc += (uint32_t)((int32_t)wt[j] * (s[j] - params->activation_state_zero_point));
                }
            }
            out[b * units + u] = tf_requant_s8((int32_t)acc, params->effective_scale_2_a,
                                               params->effective_scale_2_b,
                                               params->output_zero_point, TF_INT8_MIN, TF_INT8_MAX);
        }
    }
}
