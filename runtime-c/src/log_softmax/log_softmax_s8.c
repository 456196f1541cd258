/* LOG_SOFTMAX int8 -> int8, TFLite reference_ops::LogSoftmaxQuantized<int8_t> (gemmlowp fixed
 * point): scaled differences in Q5, sum of exponentials in Q12, log of the sum in Q5, output in
 * Q4.3 (scale 16/256) offset by 127. */
#include "tf_kernels.h"
#include "tf_quant.h"

#define SCALED_DIFF_INT_BITS 5
#define ACCUM_INT_BITS 12
#define OUTPUT_INT_BITS 4

void tf_log_softmax_s8(const tf_log_softmax_params *params, int32_t rows, int32_t depth,
                       const int8_t *in, int8_t *out)
{
    int32_t r, c;
    for (r = 0; r < rows; ++r) {
        const int8_t *x = in + r * depth;
        int8_t *y = out + r * depth;
        int32_t max_in_row = TF_INT8_MIN;
        int32_t sum_of_exps = 0; /* Q12 */
        int32_t log_sum, shifted_log_sum, adjusted_diff_min;

        for (c = 0; c < depth; ++c) {
            max_in_row = tf_max_i32(max_in_row, x[c]);
        }
        for (c = 0; c < depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff >= params->diff_min) {
                const int32_t scaled = tf_mbqm(diff, params->input_multiplier,
                                               params->input_left_shift);
                const int32_t e = tf_fp_exp_on_negative_values(scaled, SCALED_DIFF_INT_BITS);
                sum_of_exps = (int32_t)((uint32_t)sum_of_exps +
                                        (uint32_t)tf_rdbpot(e, ACCUM_INT_BITS));
            }
        }
        log_sum = tf_fp_log_x_for_x_ge_1(sum_of_exps, ACCUM_INT_BITS, SCALED_DIFF_INT_BITS);
        /* Smallest Q5 value plus the log-sum, mapped back to input units: differences at or
         * below it would underflow when the log-sum is subtracted. */
        shifted_log_sum = (int32_t)((uint32_t)log_sum + 0x80000000u);
        adjusted_diff_min = tf_max_i32(params->diff_min - 1,
                                       tf_mbqm(shifted_log_sum, params->reverse_scaling_divisor,
                                               -params->reverse_scaling_right_shift));
        for (c = 0; c < depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff > adjusted_diff_min) {
                const int32_t scaled = tf_mbqm(diff, params->input_multiplier,
                                               params->input_left_shift);
                const int32_t unsat =
                    tf_rdbpot((int32_t)((uint32_t)scaled - (uint32_t)log_sum),
                              31 - SCALED_DIFF_INT_BITS - OUTPUT_INT_BITS) + TF_INT8_MAX;
                y[c] = tf_sat_s8(unsat, TF_INT8_MIN, TF_INT8_MAX);
            } else {
                y[c] = TF_INT8_MIN;
            }
        }
    }
}
