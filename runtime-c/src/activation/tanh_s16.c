/* TANH int16, TFLM reference_integer_ops::Tanh for int16: tanh(x) = 2 * sigmoid(2x) - 1 through the
 * sigmoid table with 8 bits of interpolation (tf_tanh_s16_params holds TFLM's OpData). */
#include <stdlib.h>

#include "tf_kernels.h"
#include "tf_quant.h"

void tf_tanh_s16(const tf_tanh_s16_params *params, int32_t size, const int16_t *in, int16_t *out)
{
    int32_t multiplier = params->input_multiplier, shift = params->input_left_shift;
    int32_t round, i;
    if (multiplier == 0) { /* power-of-two input scale */
        multiplier = 3 << shift;
        shift = 0;
    }
    round = shift > 0 ? 1 << (shift - 1) : 0;
    for (i = 0; i < size; ++i) {
        const int32_t x = ((int32_t)in[i] * multiplier + round) >> shift;
        const uint32_t abs_x = (uint32_t)abs(x);
        const uint32_t index = abs_x >> 8;
        int32_t result;
        if (index >= 255) {
            result = 0xFFFF << 8; /* saturate */
        } else {
            const uint32_t a = tf_sigmoid_table_u16((int32_t)index);
            const uint32_t b = tf_sigmoid_table_u16((int32_t)index + 1);
            result = (int32_t)((a << 8) + (abs_x & 0xFFu) * (b - a));
        }
        result = x >= 0 ? result - (1 << (14 + 9)) + (1 << (9 - 2))
                        : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
        out[i] = (int16_t)(result >> (9 - 1));
    }
}
