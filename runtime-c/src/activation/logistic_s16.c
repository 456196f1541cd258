/* LOGISTIC int16, TFLM reference_integer_ops::Logistic for int16 (LUT with linear interpolation;
 * tf_logistic_s16_params holds TFLM's OpData). All table arithmetic is unsigned 32-bit, as there. */
#include <stdlib.h>

#include "tf_kernels.h"
#include "tf_quant.h"

void tf_logistic_s16(const tf_logistic_s16_params *params, int32_t size, const int16_t *in,
                     int16_t *out)
{
    int32_t multiplier = params->input_multiplier, shift = params->input_left_shift;
    int32_t round, i;
    if (multiplier == 0) { /* power-of-two input scale: only the 3/4 range stretch remains */
        multiplier = 3 << shift;
        shift = 0;
    }
    round = shift > 0 ? 1 << (shift - 1) : 0;
    for (i = 0; i < size; ++i) {
        const int32_t x = ((int32_t)in[i] * multiplier + round) >> shift;
        const uint32_t abs_x = (uint32_t)abs(x);
        const uint32_t index = abs_x >> 9; /* 2^7 for the input scale, 2^2 for the 3/4 stretch */
        uint32_t result;
        if (index >= 255) {
            result = 0x7FFFu << 10; /* saturate */
        } else {
            const uint32_t a = tf_sigmoid_table_u16((int32_t)index);
            const uint32_t b = tf_sigmoid_table_u16((int32_t)index + 1);
            result = (a << 9) + (abs_x & 0x1FFu) * (b - a);
        }
        /* sigmoid(-x) = 1 - sigmoid(x) */
        result = x >= 0 ? result + (1u << 9) : (1u << (16 + 9)) - result + (1u << 9) - 1u;
        out[i] = (int16_t)(result >> 10);
    }
}
