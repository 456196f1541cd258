/* BROADCAST_TO (ONNX Expand) for any element size and rank: numpy broadcast of the input to the output
 * shape (shape->stride1 is the input's element stride per output dimension, 0 where it repeats). */
#include <string.h>

#include "tf_kernels.h"
#include "../common/tf_broadcast_nd.h"

void tf_broadcast_to_nd(const tf_broadcast_nd *shape, size_t elem_size, const void *in, void *out)
{
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t idx[TF_MAX_DIMS];
    int32_t i, offset = 0, unused = 0;
    const int32_t total = tf_bcast_nd_begin(shape, idx);
    for (i = 0; i < total; ++i) {
        memcpy(dst, src + (size_t)offset * elem_size, elem_size);
        dst += elem_size;
        tf_bcast_nd_next(shape, idx, &offset, &unused);
    }
}
