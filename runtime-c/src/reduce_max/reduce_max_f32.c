/* REDUCE_MAX float32 (ONNX ReduceMax, GlobalMaxPool) over the axes in reduce_mask: for every output the
 * largest reduced element; a NaN among them gives NaN (as Java's Math.max, the interpreter's reference). */
#include "tf_kernels.h"
#include <math.h>

static float max_nan(float best, float v)
{
    if (best != best) return best;
    return (v != v || v > best) ? v : best;
}

void tf_reduce_max_f32(int32_t ndims, const int32_t *in_shape, uint32_t reduce_mask,
                       const float *in, float *out)
{
    int32_t out_stride[TF_MAX_DIMS], idx[TF_MAX_DIMS];
    int32_t d, s = 1, so = 1, total, i, outputs;

    for (d = ndims - 1; d >= 0; --d) {
        s *= in_shape[d];
        out_stride[d] = (reduce_mask & (1u << d)) ? 0 : so;
        if (!(reduce_mask & (1u << d))) so *= in_shape[d];
        idx[d] = 0;
    }
    total = s;
    outputs = so;
    for (i = 0; i < outputs; ++i) out[i] = -INFINITY;
    for (i = 0; i < total; ++i) {
        int32_t o = 0;
        for (d = 0; d < ndims; ++d) o += idx[d] * out_stride[d];
        out[o] = max_nan(out[o], in[i]);
        for (d = ndims - 1; d >= 0; --d) {
            if (++idx[d] < in_shape[d]) break;
            idx[d] = 0;
        }
    }
}
