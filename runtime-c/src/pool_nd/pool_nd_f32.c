/* POOL_ND float32 (ONNX MaxPool / AveragePool of any spatial rank, with dilations) on (N, C, d1..dk):
 * pads holds k begins then k ends. Averages sum in double and divide by the count of input positions,
 * or with count_include_pad also of declared padding positions (never of ceil-mode overshoot); max is
 * NaN-propagating. As the interpreter's PoolNdEval. */
#include "tf_kernels.h"
#include <math.h>

static double max_nan(double best, double v)
{
    if (best != best) return best;
    return (v != v || v > best) ? v : best;
}

void tf_pool_nd_f32(int32_t is_max, int32_t count_include_pad, int32_t k, const int32_t *in_shape,
                    const int32_t *out_shape, const int32_t *kernel, const int32_t *strides,
                    const int32_t *pads, const int32_t *dilations, const float *in, float *out)
{
    int32_t istr[TF_MAX_DIMS], o[TF_MAX_DIMS], w[TF_MAX_DIMS];
    int32_t d, p, oi, wi, planes = in_shape[0] * in_shape[1], in_plane = 1, out_plane = 1, windows = 1;

    for (d = k - 1; d >= 0; --d) {
        istr[d] = in_plane;
        in_plane *= in_shape[2 + d];
        out_plane *= out_shape[2 + d];
        windows *= kernel[d];
    }
    for (p = 0; p < planes; ++p) {
        for (oi = 0; oi < out_plane; ++oi) {
            int32_t rem = oi, count = 0;
            double acc = is_max ? -INFINITY : 0.0;
            for (d = k - 1; d >= 0; --d) {
                o[d] = rem % out_shape[2 + d];
                rem /= out_shape[2 + d];
            }
            for (wi = 0; wi < windows; ++wi) {
                int32_t r = wi, src = 0, inside = 1, in_padded = 1;
                for (d = k - 1; d >= 0; --d) {
                    w[d] = r % kernel[d];
                    r /= kernel[d];
                }
                for (d = 0; d < k; ++d) {
                    const int32_t pos = o[d] * strides[d] - pads[d] + w[d] * dilations[d];
                    if (pos < 0 || pos >= in_shape[2 + d]) inside = 0;
                    if (pos < -pads[d] || pos >= in_shape[2 + d] + pads[k + d]) in_padded = 0;
                    src += pos * istr[d];
                }
                if (inside) {
                    const double v = in[(int64_t)p * in_plane + src];
                    acc = is_max ? max_nan(acc, v) : acc + v;
                    ++count;
                } else if (in_padded && count_include_pad) {
                    ++count;
                }
            }
            out[(int64_t)p * out_plane + oi] = (float)(is_max ? acc : (count == 0 ? 0.0 : acc / count));
        }
    }
}
