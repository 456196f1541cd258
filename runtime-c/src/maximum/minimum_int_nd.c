/* MINIMUM on unquantized integer tensors of any rank, numpy broadcasting. */
#include "tf_kernels.h"
#include "../common/tf_binary_int.h"

static int64_t op(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

void tf_minimum_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out)
{
    tf_binary_int_nd(op, shape, type, in1, in2, out);
}
