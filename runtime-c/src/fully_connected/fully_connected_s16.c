/* FULLY_CONNECTED int16 activations, int8 weights, int64 bias (16x8): TFLM
 * reference_integer_ops::FullyConnected for int16 input: int64 accumulator of
 * (w + filter_offset) * x (input zero point 0), tf_mbqm_s64, + output_offset (0), clamp. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_fully_connected_s16(const tf_fc_params *params, const tf_per_channel_quant *quant,
                           int32_t batches, int32_t in_depth, const int16_t *in,
                           int32_t out_depth, const int8_t *weights, const int64_t *bias,
                           int16_t *out)
{
    int32_t b, o, i;
    for (b = 0; b < batches; ++b) {
        const int16_t *x = in + b * in_depth;
        for (o = 0; o < out_depth; ++o) {
            const int8_t *w = weights + o * in_depth;
            int64_t acc = 0;
            for (i = 0; i < in_depth; ++i) {
                acc += (int64_t)((int32_t)w[i] + params->filter_offset) * x[i];
            }
            if (bias != NULL) {
                acc += bias[o];
            }
            out[b * out_depth + o] = tf_sat_s16(
                tf_mbqm_s64(acc, quant->multiplier[o], quant->shift[o]) + params->output_offset,
                params->activation.min, params->activation.max);
        }
    }
}
