/* GATHER along one axis for any element size: data viewed as [outer, n, inner], out as
 * [outer, count, inner]; out[o, j, :] = data[o, indices[j], :]. Indices are int32 or int64; a negative
 * index counts from the end (ONNX). An index still outside [0, n) is clamped into it: the kernel must not
 * read out of bounds, and such a model has no defined result anyway. */
#include <string.h>

#include "tf_kernels.h"
#include "../common/tf_elem.h"

void tf_gather_any(int32_t outer, int32_t n, int32_t inner, int32_t count, size_t elem_size,
                   tf_elem_type index_type, const void *data, const void *indices, void *out)
{
    const unsigned char *src = (const unsigned char *)data;
    unsigned char *dst = (unsigned char *)out;
    const size_t row = (size_t)inner * elem_size;
    int32_t o, j;
    for (o = 0; o < outer; ++o) {
        for (j = 0; j < count; ++j) {
            int64_t idx = tf_elem_load_int(index_type, indices, j);
            if (idx < 0) {
                idx += n;
            }
            idx = idx < 0 ? 0 : (idx >= n ? n - 1 : idx);
            memcpy(dst, src + ((size_t)o * (size_t)n + (size_t)idx) * row, row);
            dst += row;
        }
    }
}
