/* CMSIS-NN fully connected vectors -> tf_fully_connected_s8. Per-tensor vectors give
 * OUTPUT_MULTIPLIER/OUTPUT_SHIFT macros, per-channel ones output_mult/output_shift arrays;
 * FILTER_OFFSET is only present for vectors with a weights zero point. With symmetric weights (filter_offset 0),
 * -DVEC_DSP: tf_fully_connected_s8_dsp with the weights packed four rows at a time and the folded bias, as the
 * compiler prepares them (the packing here is written independently of the compiler's); -DVEC_MVE:
 * tf_fully_connected_s8_mve with the folded bias. Otherwise tf_fully_connected_s8. */
#include "vec_common.h"
#include "test_data.h"

#ifndef V_FILTER_OFFSET
#define V_FILTER_OFFSET 0
#endif

static int8_t out[V_DST_SIZE];

#if defined(VEC_DSP)
#define V_GROUPS ((V_ACCUMULATION_DEPTH + 3) / 4)
#define V_BLOCKS ((V_OUT_CH + 3) / 4)
static int32_t packed[V_BLOCKS * V_GROUPS * 4];

/* Row o's input i at byte i % 4 of word ((o / 4) * groups + i / 4) * 4 + o % 4 (tf_kernels.h), zero elsewhere. */
static void pack_rows4(const int8_t *w)
{
    int32_t o, i;
    memset(packed, 0, sizeof packed);
    for (o = 0; o < V_OUT_CH; ++o) {
        for (i = 0; i < V_ACCUMULATION_DEPTH; ++i) {
            uint32_t *word = (uint32_t *)&packed[((o / 4) * V_GROUPS + i / 4) * 4 + o % 4];
            *word |= (uint32_t)(uint8_t)w[o * V_ACCUMULATION_DEPTH + i] << (8 * (i % 4));
        }
    }
}
#endif

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
#define BIAS v_biases
#else
#define BIAS NULL
#endif
#if defined(VEC_DSP) || defined(VEC_MVE)
    if (V_FILTER_OFFSET == 0) {
        static int32_t folded[V_OUT_CH];
        vec_fold_bias(BIAS, V_INPUT_OFFSET, v_weights, V_OUT_CH, V_ACCUMULATION_DEPTH, V_ACCUMULATION_DEPTH, 1, folded);
#if defined(VEC_DSP)
        pack_rows4(v_weights);
        VEC_KERNEL(tf_fully_connected_s8_dsp);
        tf_fully_connected_s8_dsp(&p, &q, V_INPUT_BATCHES, V_ACCUMULATION_DEPTH, v_input, V_OUT_CH, packed, folded, out);
#else
        VEC_KERNEL(tf_fully_connected_s8_mve);
        tf_fully_connected_s8_mve(&p, &q, V_INPUT_BATCHES, V_ACCUMULATION_DEPTH, v_input, V_OUT_CH, v_weights, folded, out);
#endif
    } else
#endif
    {
        VEC_KERNEL(tf_fully_connected_s8);
        tf_fully_connected_s8(&p, &q, V_INPUT_BATCHES, V_ACCUMULATION_DEPTH, v_input, V_OUT_CH, v_weights, BIAS, out);
    }
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
