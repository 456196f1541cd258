/* SOFTMAX int8 -> int8, TFLite reference_ops::Softmax<int8_t, int8_t> (gemmlowp fixed point):
 * scaled differences in Q5, sum of exponentials in Q12, reciprocal by Newton-Raphson. The same core
 * serves int8 -> int16 (softmax_s8_s16.c), which differs only in the final shift and saturation. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "softmax_s8_rows.h"

#define SCALED_DIFF_INT_BITS 5
#define ACCUM_INT_BITS 12

static int32_t count_leading_zeros_u32(uint32_t x)
{
    int32_t n = 0;
    if (x == 0) {
        return 32;
    }
    while ((x & 0x80000000u) == 0) {
        x <<= 1;
        ++n;
    }
    return n;
}

void tf_softmax_s8(const tf_softmax_params *params, int32_t rows, int32_t depth,
                   const int8_t *in, int8_t *out)
{
    tf_softmax_s8_rows(params, rows, depth, in, 8, out, NULL);
}

void tf_softmax_s8_rows(const tf_softmax_params *params, int32_t rows, int32_t depth, const int8_t *in,
                        int32_t out_bits, int8_t *out8, int16_t *out16)
{
    int32_t r, c;
    for (r = 0; r < rows; ++r) {
        const int8_t *x = in + r * depth;
        const int32_t row = r * depth;
        int32_t max_in_row = TF_INT8_MIN;
        int32_t sum_of_exps = 0; /* Q12 */
        int32_t headroom_plus_one, num_bits_over_unit, shifted_sum_minus_one, shifted_scale;
        int32_t exponent;

        for (c = 0; c < depth; ++c) {
            max_in_row = tf_max_i32(max_in_row, x[c]);
        }
        for (c = 0; c < depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff >= params->diff_min) {
                const int32_t scaled = tf_mbqm_greater_than_one(diff, params->input_multiplier,
                                                                params->input_left_shift);
                const int32_t e = tf_fp_exp_on_negative_values(scaled, SCALED_DIFF_INT_BITS);
                sum_of_exps = (int32_t)((uint32_t)sum_of_exps +
                                        (uint32_t)tf_rdbpot(e, ACCUM_INT_BITS));
            }
        }
        /* TFLite GetReciprocal: normalise the sum to [1, 2) and take 1/(1+x). */
        headroom_plus_one = count_leading_zeros_u32((uint32_t)sum_of_exps);
        num_bits_over_unit = ACCUM_INT_BITS - headroom_plus_one;
        shifted_sum_minus_one =
            (int32_t)(((uint32_t)sum_of_exps << headroom_plus_one) - ((uint32_t)1 << 31));
        shifted_scale = tf_fp_one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
        exponent = num_bits_over_unit + 31 - out_bits;

        for (c = 0; c < depth; ++c) {
            const int32_t diff = x[c] - max_in_row;
            if (diff >= params->diff_min) {
                const int32_t scaled = tf_mbqm_greater_than_one(diff, params->input_multiplier,
                                                                params->input_left_shift);
                const int32_t e = tf_fp_exp_on_negative_values(scaled, SCALED_DIFF_INT_BITS);
                const int32_t unsat = tf_rdbpot(tf_srdhm(shifted_scale, e), exponent);
                if (out_bits == 8) out8[row + c] = tf_sat_s8(unsat + TF_INT8_MIN, TF_INT8_MIN, TF_INT8_MAX);
                else out16[row + c] = tf_sat_s16(unsat + TF_INT16_MIN, TF_INT16_MIN, TF_INT16_MAX);
            } else if (out_bits == 8) {
                out8[row + c] = TF_INT8_MIN;
            } else {
                out16[row + c] = TF_INT16_MIN;
            }
        }
    }
}
