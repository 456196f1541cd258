/* Internal: walking a tf_broadcast_nd output in row-major order while tracking both operands' element
 * offsets (a broadcast dimension has stride 0, so its operand offset rewinds instead of advancing). */
#ifndef TF_BROADCAST_ND_H
#define TF_BROADCAST_ND_H

#include "tf_kernels.h"

/* Zeroes the index and returns the number of output elements (1 for rank 0). */
static inline int32_t tf_bcast_nd_begin(const tf_broadcast_nd *s, int32_t *idx)
{
    int32_t d, total = 1;
    for (d = 0; d < s->rank; ++d) {
        idx[d] = 0;
        total *= s->out[d];
    }
    return total;
}

/* Steps the index to the next output element and moves the operand offsets o1, o2 with it. */
static inline void tf_bcast_nd_next(const tf_broadcast_nd *s, int32_t *idx, int32_t *o1, int32_t *o2)
{
    int32_t d;
    for (d = s->rank - 1; d >= 0; --d) {
        *o1 += s->stride1[d];
        *o2 += s->stride2[d];
        if (++idx[d] < s->out[d]) {
            return;
        }
        *o1 -= s->stride1[d] * s->out[d];
        *o2 -= s->stride2[d] * s->out[d];
        idx[d] = 0;
    }
}

#endif
