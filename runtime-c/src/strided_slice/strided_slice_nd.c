/* STRIDED_SLICE / SLICE for any element size, with begin and stride fully resolved by the
 * compiler: out[i] = in[begin + i * stride] per dimension, row-major over the output. */
#include <string.h>

#include "tf_kernels.h"

void tf_strided_slice_nd(int32_t ndims, const int32_t *in_shape, const int32_t *begin,
                         const int32_t *stride, const int32_t *out_shape, size_t elem_size,
                         const void *in, void *out)
{
    int32_t in_stride[TF_MAX_DIMS];
    int32_t idx[TF_MAX_DIMS];
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t d, s = 1, total = 1, i, offset = 0;

    for (d = ndims - 1; d >= 0; --d) {
        in_stride[d] = s;
        s *= in_shape[d];
    }
    for (d = 0; d < ndims; ++d) {
        total *= out_shape[d];
        offset += begin[d] * in_stride[d];
        idx[d] = 0;
    }
    for (i = 0; i < total; ++i) {
        memcpy(dst, src + (size_t)offset * elem_size, elem_size);
        dst += elem_size;
        for (d = ndims - 1; d >= 0; --d) {
            offset += stride[d] * in_stride[d];
            if (++idx[d] < out_shape[d]) {
                break;
            }
            offset -= stride[d] * in_stride[d] * out_shape[d];
            idx[d] = 0;
        }
    }
}
