/* ARG_MAX float32 -> int64 (ONNX ArgMax) along one axis, the input seen as outer x n x inner: the index of
 * the largest value; ties go to the first index, or to the last with select_last. */
#include "tf_kernels.h"

void tf_arg_max_f32(int32_t outer, int32_t n, int32_t inner, int32_t select_last,
                    const float *in, int64_t *out)
{
    int32_t o, i, k;
    for (o = 0; o < outer; ++o) {
        for (i = 0; i < inner; ++i) {
            const float *x = in + (int64_t)o * n * inner + i;
            int32_t best = 0;
            float best_v = x[0];
            for (k = 1; k < n; ++k) {
                const float v = x[(int64_t)k * inner];
                if (v > best_v || (select_last && v == best_v)) {
                    best = k;
                    best_v = v;
                }
            }
            out[(int64_t)o * inner + i] = best;
        }
    }
}
