/* SOFTMAX int16 -> int16 (output scale 2^-15, zero points 0), TFLite reference_ops::SoftmaxInt16 with
 * the two 513-entry tables TFLM builds in Prepare (computed by the compiler, passed in params). */
#include "tf_kernels.h"
#include "tf_quant.h"

/* lut_lookup_with_interpolation: segment 256 + (value >> 7), interpolated with the 7 low bits. */
static int16_t lut_lookup(int16_t value, const int16_t *lut)
{
    const int32_t index = 256 + (value >> 7);
    const int32_t offset = value & 0x7F;
    const int16_t base = lut[index];
    const int16_t slope = (int16_t)(lut[index + 1] - lut[index]);
    return (int16_t)(base + ((slope * offset + 64) >> 7));
}

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

void tf_softmax_s16(const tf_softmax_s16_params *params, int32_t rows, int32_t depth,
                    const int16_t *in, int16_t *out)
{
    int32_t r, c;
    for (r = 0; r < rows; ++r) {
        const int16_t *x = in + r * depth;
        int16_t *y = out + r * depth; /* holds the exps until the final scaling, as in TFLite */
        int32_t max_in_row = TF_INT16_MIN, sum = 0, headroom_plus_one, shifted_sum, right_shift;
        int16_t reciprocal;
        int64_t round;
        for (c = 0; c < depth; ++c) {
            max_in_row = tf_max_i32(max_in_row, x[c]);
        }
        for (c = 0; c < depth; ++c) {
            /* [-65535, 0] maps onto the table's [-10, 0], recentred to int16 */
            const int32_t scaled = tf_mbqm(x[c] - max_in_row, params->input_multiplier,
                                           params->input_left_shift);
            y[c] = lut_lookup(tf_sat_s16(scaled + 32767, TF_INT16_MIN, TF_INT16_MAX),
                              params->exp_lut);
            sum += y[c];
        }
        /* 1 / sum: normalise to 16 significant bits, look up 1 / (1 + x) with x = sum - 1 recentred */
        headroom_plus_one = count_leading_zeros_u32((uint32_t)sum);
        shifted_sum = (int32_t)((((int64_t)sum << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
        reciprocal = lut_lookup(tf_sat_s16(shifted_sum - ((1 << 15) + (1 << 16)), TF_INT16_MIN,
                                           TF_INT16_MAX),
                                params->one_over_one_plus_x_lut);
        right_shift = 31 - headroom_plus_one;
        round = (int64_t)1 << (right_shift - 1);
        for (c = 0; c < depth; ++c) {
            const int32_t v = (int32_t)(((int64_t)y[c] * reciprocal + round) >> right_shift);
            y[c] = tf_sat_s16(v, 0, TF_INT16_MAX);
        }
    }
}
