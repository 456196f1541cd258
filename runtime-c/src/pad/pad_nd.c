/* PAD / PADV2 for any element size: the output is walked in row-major order; an element is
 * copied from the input when every coordinate lies inside the unpadded region, otherwise it
 * is the pad value. */
#include <string.h>

#include "tf_kernels.h"

void tf_pad_nd(int32_t ndims, const int32_t *in_shape, const int32_t *pre_pad,
               const int32_t *post_pad, size_t elem_size, const void *pad_value,
               const void *in, void *out)
{
    int32_t out_shape[TF_MAX_DIMS];
    int32_t idx[TF_MAX_DIMS];
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t d;
    int32_t total = 1;
    int32_t i;

    for (d = 0; d < ndims; ++d) {
        out_shape[d] = pre_pad[d] + in_shape[d] + post_pad[d];
        total *= out_shape[d];
        idx[d] = 0;
    }
    for (i = 0; i < total; ++i) {
        int inside = 1;
        for (d = 0; d < ndims; ++d) {
            if (idx[d] < pre_pad[d] || idx[d] >= pre_pad[d] + in_shape[d]) {
                inside = 0;
                break;
            }
        }
        if (inside) {
            memcpy(dst, src, elem_size);
            src += elem_size; /* inside elements appear in input row-major order */
        } else {
            memcpy(dst, pad_value, elem_size);
        }
        dst += elem_size;
        for (d = ndims - 1; d >= 0; --d) {
            if (++idx[d] < out_shape[d]) {
                break;
            }
            idx[d] = 0;
        }
    }
}
