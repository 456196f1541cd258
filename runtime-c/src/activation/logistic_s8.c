/* LOGISTIC int8, TFLM reference_integer_ops::Logistic: inputs beyond the range radius saturate,
 * the rest go through gemmlowp::logistic on a Q4 value; output zp -128, scale 1/256. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_logistic_s8(const tf_logistic_params *params, int32_t size, const int8_t *in, int8_t *out)
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
            const int32_t y_q0 = tf_fp_logistic(x_q4, 4);
            out[i] = tf_sat_s8(tf_rdbpot(y_q0, 31 - 8) + TF_INT8_MIN, TF_INT8_MIN, TF_INT8_MAX);
        }
    }
}
