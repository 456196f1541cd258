/* FULLY_CONNECTED int8, TFLM reference_integer_ops::FullyConnected(PerChannel). */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_fully_connected_s8(const tf_fc_params *params, const tf_per_channel_quant *quant,
                           int32_t batches, int32_t in_depth, const int8_t *in,
                           int32_t out_depth, const int8_t *weights, const int32_t *bias,
                           int8_t *out)
{
    int32_t b, o, i;
    for (b = 0; b < batches; ++b) {
        const int8_t *x = in + b * in_depth;
        for (o = 0; o < out_depth; ++o) {
            const int8_t *w = weights + o * in_depth;
            int32_t acc = 0;
            for (i = 0; i < in_depth; ++i) {
                acc += ((int32_t)w[i] + params->filter_offset) * ((int32_t)x[i] + params->input_offset);
            }
            if (bias != NULL) {
                acc += bias[o];
            }
            out[b * out_depth + o] = tf_requant_s8(acc, quant->multiplier[o], quant->shift[o],
                                                   params->output_offset, params->activation.min,
                                                   params->activation.max);
        }
    }
}
