/* BATCH_MATMUL float32 (numpy matmul of [..., m, k] by [..., k, n]): the batch dimensions broadcast;
 * shape->out holds the batch shape of the output and stride1/stride2 each operand's matrix stride per
 * batch dimension (0 where it repeats). Accumulates over k in order, like the reference. */
#include "tf_kernels.h"
#include "../common/tf_broadcast_nd.h"

void tf_batch_matmul_f32(const tf_broadcast_nd *batch, int32_t m, int32_t k, int32_t n,
                         const float *a, const float *b, float *out)
{
    int32_t idx[TF_MAX_DIMS];
    int32_t bi, i, j, t, oa = 0, ob = 0;
    const int32_t total = tf_bcast_nd_begin(batch, idx);
    for (bi = 0; bi < total; ++bi) {
        const float *ma = a + (size_t)oa * (size_t)(m * k);
        const float *mb = b + (size_t)ob * (size_t)(k * n);
        for (i = 0; i < m; ++i) {
            for (j = 0; j < n; ++j) {
                float acc = 0.0f;
                for (t = 0; t < k; ++t) {
                    acc += ma[i * k + t] * mb[t * n + j];
                }
                *out++ = acc;
            }
        }
        tf_bcast_nd_next(batch, idx, &oa, &ob);
    }
}
