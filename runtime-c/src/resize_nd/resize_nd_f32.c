/* RESIZE_ND float32 (ONNX Resize on any axes: nearest, linear, cubic, every coordinate transformation).
 * The compiler tabulates, per axis and output index, count[axis] neighbours: indices (clamped to the axis)
 * and weights (tables from offset[axis]), and whether the index lies outside the crop box (outside flags
 * from out_offset[axis]). Each output is the sum over the product of its axes' neighbours of the weights'
 * product times the input (accumulated in double), or the extrapolation value if any axis is outside. */
#include "tf_kernels.h"

void tf_resize_nd_f32(int32_t rank, const int32_t *in_shape, const int32_t *out_shape, const int32_t *count,
                      const int32_t *offset, const int32_t *indices, const double *weights,
                      const int32_t *out_offset, const uint8_t *outside, float extrapolation,
                      const float *in, float *out)
{
    int32_t o[TF_MAX_DIMS], k[TF_MAX_DIMS], in_stride[TF_MAX_DIMS];
    int32_t d, s = 1, total = 1, i;

    for (d = rank - 1; d >= 0; --d) {
        in_stride[d] = s;
        s *= in_shape[d];
        total *= out_shape[d];
        o[d] = 0;
    }
    for (i = 0; i < total; ++i) {
        int32_t off = 0;
        for (d = 0; d < rank; ++d) off |= outside[out_offset[d] + o[d]];
        if (off) {
            out[i] = extrapolation;
        } else {
            double acc = 0.0;
            for (d = 0; d < rank; ++d) k[d] = 0;
            for (;;) {
                double w = 1.0;
                int32_t src = 0;
                for (d = 0; d < rank && w != 0.0; ++d) {
                    const int32_t t = offset[d] + o[d] * count[d] + k[d];
                    w *= weights[t];
                    src += indices[t] * in_stride[d];
                }
                if (w != 0.0) acc += w * in[src];
                for (d = rank - 1; d >= 0; --d) {
                    if (++k[d] < count[d]) break;
                    k[d] = 0;
                }
                if (d < 0) break;
            }
            out[i] = (float)acc;
        }
        for (d = rank - 1; d >= 0; --d) {
            if (++o[d] < out_shape[d]) break;
            o[d] = 0;
        }
    }
}
