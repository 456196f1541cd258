/* DIV on unquantized integer tensors of any rank, numpy broadcasting, truncating toward zero. */
#include "tf_kernels.h"
#include "../common/tf_binary_int.h"

static int64_t op(int64_t a, int64_t b)
{
    if (b == 0) {
        return 0; /* undefined in ONNX; 0 instead of a trap */
    }
    if (b == -1) {
        return (int64_t)(0u - (uint64_t)a); /* INT64_MIN / -1 wraps instead of trapping */
    }
    return a / b; /* C99 truncates toward zero, as ONNX integer Div */
}

void tf_div_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out)
{
    tf_binary_int_nd(op, shape, type, in1, in2, out);
}
