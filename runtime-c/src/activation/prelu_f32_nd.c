/* PRELU float32, any rank: x for x >= 0, alpha * x otherwise, alpha broadcast numpy-style against x. */
#include "tf_kernels.h"

void tf_prelu_f32_nd(const tf_broadcast_nd *shape, const float *in, const float *alpha, float *out)
{
    int32_t idx[TF_MAX_DIMS];
    int32_t d, i, total = 1, ox = 0, oa = 0;
    for (d = 0; d < shape->rank; ++d) {
        idx[d] = 0;
        total *= shape->out[d];
    }
    for (i = 0; i < total; ++i) {
        const float x = in[ox];
        out[i] = x >= 0.0f ? x : x * alpha[oa];
        for (d = shape->rank - 1; d >= 0; --d) {
            ox += shape->stride1[d];
            oa += shape->stride2[d];
            if (++idx[d] < shape->out[d]) {
                break;
            }
            ox -= shape->stride1[d] * shape->out[d];
            oa -= shape->stride2[d] * shape->out[d];
            idx[d] = 0;
        }
    }
}
