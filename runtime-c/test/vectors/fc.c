/* CMSIS-NN fully connected vectors -> tf_fully_connected_s8. Per-tensor vectors give
 * OUTPUT_MULTIPLIER/OUTPUT_SHIFT macros, per-channel ones output_mult/output_shift arrays;
 * FILTER_OFFSET is only present for vectors with a weights zero point. */
#include "vec_common.h"
#include "test_data.h"

#ifndef V_FILTER_OFFSET
#define V_FILTER_OFFSET 0
#endif

static int8_t out[V_DST_SIZE];

int main(void)
{
    tf_fc_params p;
    tf_per_channel_quant q;
    int32_t mult[V_OUT_CH], shift[V_OUT_CH];
    int32_t i;
    for (i = 0; i < V_OUT_CH; ++i) {
#ifdef V_OUTPUT_MULTIPLIER
        mult[i] = V_OUTPUT_MULTIPLIER;
        shift[i] = V_OUTPUT_SHIFT;
#else
        mult[i] = v_output_mult[i];
        shift[i] = v_output_shift[i];
#endif
    }
    p.input_offset = V_INPUT_OFFSET;
    p.filter_offset = V_FILTER_OFFSET;
    p.output_offset = V_OUTPUT_OFFSET;
    p.activation.min = V_OUT_ACTIVATION_MIN;
    p.activation.max = V_OUT_ACTIVATION_MAX;
    q.multiplier = mult;
    q.shift = shift;
#ifdef HAS_biases
    tf_fully_connected_s8(&p, &q, V_INPUT_BATCHES, V_ACCUMULATION_DEPTH, v_input, V_OUT_CH,
                          v_weights, v_biases, out);
#else
    tf_fully_connected_s8(&p, &q, V_INPUT_BATCHES, V_ACCUMULATION_DEPTH, v_input, V_OUT_CH,
                          v_weights, NULL, out);
#endif
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
