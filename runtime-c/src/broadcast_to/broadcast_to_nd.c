/* BROADCAST_TO (ONNX Expand) for any element size and rank: numpy broadcast of the input to the output
 * shape (shape->stride1 is the input's element stride per output dimension, 0 where it repeats). */
#include <string.h>

#include "tf_kernels.h"

void tf_broadcast_to_nd(const tf_broadcast_nd *shape, size_t elem_size, const void *in, void *out)
{
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t idx[TF_MAX_DIMS];
    int32_t d, i, total = 1, offset = 0;
    for (d = 0; d < shape->rank; ++d) {
        idx[d] = 0;
        total *= shape->out[d];
    }
    for (i = 0; i < total; ++i) {
        memcpy(dst, src + (size_t)offset * elem_size, elem_size);
        dst += elem_size;
        for (d = shape->rank - 1; d >= 0; --d) {
            offset += shape->stride1[d];
            if (++idx[d] < shape->out[d]) {
                break;
            }
            offset -= shape->stride1[d] * shape->out[d];
            idx[d] = 0;
        }
    }
}
