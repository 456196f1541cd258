/* TANH int8, TFLM reference_integer_ops::Tanh: gemmlowp::tanh on a Q4 value, output scale 1/128
 * with zero point 0. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_tanh_s8(const tf_tanh_params *params, int32_t size, const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const int32_t x = (int32_t)in[i] - params->input_zero_point;
        if (x <= -params->input_range_radius) {
            out[i] = TF_INT8_MIN;
        } else if (x >= params->input_range_radius) {
            out[i] = TF_INT8_MAX;
        } else {
            const int32_t x_q4 = tf_mbqm(x, params->input_multiplier, params->input_left_shift);
            const int32_t y_q0 = tf_fp_tanh(x_q4, 4);
            out[i] = tf_sat_s8(tf_rdbpot(y_q0, 31 - 7), TF_INT8_MIN, TF_INT8_MAX);
        }
    }
}
