/* FULLY_CONNECTED int8 with symmetric weights (filter_offset 0) for Helium (MVE): each input row against
 * 4 weight rows at a time, 16 MACs per VMLADAVA, with the folded bias (common/tf_mve_s8.h:
 * folded_bias[o] = bias[o] + input_offset * sum of weight row o). Portable C where __ARM_FEATURE_MVE is
 * absent. Same results as tf_fully_connected_s8 with the unfolded bias. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

void tf_fully_connected_s8_mve(const tf_fc_params *params, const tf_per_channel_quant *quant,
                               int32_t batches, int32_t in_depth, const int8_t *in,
                               int32_t out_depth, const int8_t *weights, const int32_t *folded_bias,
                               int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    int32_t b;
    for (b = 0; b < batches; ++b) {
        tf_mve_rows_s8(in + b * in_depth, weights, in_depth, out_depth, &rq, out + b * out_depth);
    }
}
