/* TRANSPOSE for any element size: out[i0..in-1] = in[j] with j[perm[k]] = i[k]. Output in row-major order. */
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
    if (ndims <= 0) {
        memcpy(dst, src, elem_size);
        return;
    }
    /* Rows of the innermost output dimension: a strided gather each (a tight loop for bytes and words), then the
     * odometer over the outer output dimensions. */
    {
        const int32_t last = ndims - 1, n = out_shape[last], st = step[last];
        int32_t j;
        for (i = 0; i < total; i += n) {
            if (elem_size == 1) {
                const unsigned char *p = src + offset;
                for (j = 0; j < n; ++j) {
                    dst[j] = p[j * st];
                }
            } else {
                for (j = 0; j < n; ++j) {
                    memcpy(dst + (size_t)j * elem_size, src + ((size_t)offset + (size_t)j * st) * elem_size, elem_size);
                }
            }
            dst += (size_t)n * elem_size;
            for (d = last - 1; d >= 0; --d) {
                offset += step[d];
                if (++idx[d] < out_shape[d]) {
                    break;
                }
                offset -= step[d] * out_shape[d];
                idx[d] = 0;
            }
        }
    }
}
