/* Internal: the any-rank broadcasting loop of the unquantized integer binary kernels. Each operand
 * has a per-dimension element stride (0 where it broadcasts); the op works on int64 values and the
 * store wraps to the element width. */
#ifndef TF_BINARY_INT_H
#define TF_BINARY_INT_H

#include "tf_kernels.h"
#include "tf_elem.h"
#include "tf_broadcast_nd.h"

typedef int64_t (*tf_int_op)(int64_t a, int64_t b);

static inline void tf_binary_int_nd(tf_int_op op, const tf_broadcast_nd *shape, tf_elem_type type,
                                    const void *in1, const void *in2, void *out)
{
    int32_t idx[TF_MAX_DIMS];
    int32_t i, o1 = 0, o2 = 0;
    const int32_t total = tf_bcast_nd_begin(shape, idx);
    for (i = 0; i < total; ++i) {
        tf_elem_store_int(type, out, i, op(tf_elem_load_int(type, in1, o1), tf_elem_load_int(type, in2, o2)));
        tf_bcast_nd_next(shape, idx, &o1, &o2);
    }
}

#endif
