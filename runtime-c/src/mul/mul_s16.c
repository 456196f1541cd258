/* MUL int16, elementwise (same shapes). Arithmetic in src/common/tf_binary_s16.h. */
#include "tf_kernels.h"
#include "../common/tf_binary_s16.h"

void tf_mul_s16(const tf_mul_params *params, int32_t size,
               const int16_t *in1, const int16_t *in2, int16_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_mul_one_s16(params, in1[i], in2[i]);
    }
}
