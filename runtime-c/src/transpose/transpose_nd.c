/* TRANSPOSE for any element size: out[i0..in-1] = in[j] with j[perm[k]] = i[k]. */
#include <string.h>

#include "tf_kernels.h"

void tf_transpose_nd(int32_t ndims, const int32_t *in_shape, const int32_t *perm,
                     size_t elem_size, const void *in, void *out)
{
    int32_t in_stride[TF_MAX_DIMS];
    int32_t out_shape[TF_MAX_DIMS];
    int32_t step[TF_MAX_DIMS]; /* input stride of output dimension k */
    int32_t idx[TF_MAX_DIMS];
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t d, s = 1, total = 1, i, offset = 0;

    for (d = ndims - 1; d >= 0; --d) {
        in_stride[d] = s;
        s *= in_shape[d];
    }
    for (d = 0; d < ndims; ++d) {
        out_shape[d] = in_shape[perm[d]];
        step[d] = in_stride[perm[d]];
        total *= out_shape[d];
        idx[d] = 0;
    }
    for (i = 0; i < total; ++i) {
        memcpy(dst, src + (size_t)offset * elem_size, elem_size);
        dst += elem_size;
        for (d = ndims - 1; d >= 0; --d) {
            offset += step[d];
            if (++idx[d] < out_shape[d]) {
                break;
            }
            offset -= step[d] * out_shape[d];
            idx[d] = 0;
        }
    }
}
