/* PRELU float32, any rank: x for x >= 0, alpha * x otherwise, alpha broadcast numpy-style against x. */
#include "tf_kernels.h"
#include "../common/tf_broadcast_nd.h"

void tf_prelu_f32_nd(const tf_broadcast_nd *shape, const float *in, const float *alpha, float *out)
{
    int32_t idx[TF_MAX_DIMS];
    int32_t i, ox = 0, oa = 0;
    const int32_t total = tf_bcast_nd_begin(shape, idx);
    for (i = 0; i < total; ++i) {
        const float x = in[ox];
        out[i] = x >= 0.0f ? x : x * alpha[oa];
        tf_bcast_nd_next(shape, idx, &ox, &oa);
    }
}
