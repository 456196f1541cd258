/* MEAN float32: for every output, the reduced elements are summed in row-major order (the order
 * TFLite's reference Mean adds them) and divided by the element count. */
#include "tf_kernels.h"

void tf_mean_f32(int32_t ndims, const int32_t *in_shape, uint32_t reduce_mask,
                 const float *in, float *out)
{
    int32_t stride[TF_MAX_DIMS], idx[TF_MAX_DIMS], base[TF_MAX_DIMS];
    int32_t d, s = 1, count = 1, outputs = 1, o;

    for (d = ndims - 1; d >= 0; --d) {
        stride[d] = s;
        s *= in_shape[d];
        if (reduce_mask & (1u << d)) {
            count *= in_shape[d];
        } else {
            outputs *= in_shape[d];
        }
    }
    for (o = 0; o < outputs; ++o) {
        int32_t rem = o, offset = 0;
        float sum = 0.0f;
        for (d = ndims - 1; d >= 0; --d) {
            base[d] = 0;
            if (!(reduce_mask & (1u << d))) {
                base[d] = rem % in_shape[d];
                rem /= in_shape[d];
            }
            idx[d] = 0;
            offset += base[d] * stride[d];
        }
        for (;;) {
            int32_t off = offset;
            for (d = 0; d < ndims; ++d) {
                if (reduce_mask & (1u << d)) {
                    off += idx[d] * stride[d];
                }
            }
            sum += in[off];
            for (d = ndims - 1; d >= 0; --d) {
                if (!(reduce_mask & (1u << d))) {
                    continue;
                }
                if (++idx[d] < in_shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
            if (d < 0) {
                break;
            }
        }
        out[o] = sum / (float)count;
    }
}
