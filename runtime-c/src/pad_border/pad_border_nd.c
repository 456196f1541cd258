/* PAD_BORDER (ONNX Pad modes reflect, edge, wrap) for any element size and rank: every output coordinate
 * maps back into the input per dimension. */
#include <string.h>

#include "tf_kernels.h"

static int32_t source_index(int32_t i, int32_t n, tf_pad_mode mode)
{
    int32_t period, m;
    switch (mode) {
    case TF_PAD_EDGE:
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    case TF_PAD_WRAP:
        m = i % n;
        return m < 0 ? m + n : m;
    default: /* TF_PAD_REFLECT: mirror without repeating the border element, period 2(n-1) */
        if (n == 1) {
            return 0;
        }
        period = 2 * (n - 1);
        m = i % period;
        if (m < 0) {
            m += period;
        }
        return m < n ? m : period - m;
    }
}

void tf_pad_border_nd(int32_t ndims, const int32_t *in_shape, const int32_t *out_shape, const int32_t *pad_before,
                      tf_pad_mode mode, size_t elem_size, const void *in, void *out)
{
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t in_stride[TF_MAX_DIMS];
    int32_t idx[TF_MAX_DIMS];
    int32_t d, i, s = 1, total = 1;
    for (d = ndims - 1; d >= 0; --d) {
        in_stride[d] = s;
        s *= in_shape[d];
        total *= out_shape[d];
        idx[d] = 0;
    }
    for (i = 0; i < total; ++i) {
        int32_t from = 0;
        for (d = 0; d < ndims; ++d) {
            from += source_index(idx[d] - pad_before[d], in_shape[d], mode) * in_stride[d];
        }
        memcpy(dst, src + (size_t)from * elem_size, elem_size);
        dst += elem_size;
        for (d = ndims - 1; d >= 0; --d) {
            if (++idx[d] < out_shape[d]) {
                break;
            }
            idx[d] = 0;
        }
    }
}
