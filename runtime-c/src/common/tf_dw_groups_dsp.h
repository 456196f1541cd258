/* All channel groups of 4 of a depth-multiplier-1 depthwise convolution through a ring of padded input rows: 3x3, 5x5
 * and 7x7 filters with stride 1 or 2 on rows of 8+ pixels in the pair layout (tf_dw_pair_dsp.h) where the group's requantization allows the quick
 * form, anything else in the word layout (tf_dw_ring_dsp.h). Groups in order, each group's output rows in order; a
 * group writes only its own 4 channels, and an output row only after it has read (into the ring) every input row it
 * needs. in and out may be the same buffer under the condition of depthwise_conv_s8_inplace_dsp.c.
 * Needs tf_dw_ring_fits. Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_GROUPS_DSP_H
#define TF_DW_GROUPS_DSP_H

#include "tf_dw_pair_dsp.h"

static void __attribute__((noinline)) tf_dw_ring_groups_s8(const tf_dw_conv_params *params,
                                                           const tf_per_channel_quant *quant, const tf_dims *in_dims,
                                                           const int8_t *in, const tf_dims *filter_dims,
                                                           const int8_t *filter, const int32_t *bias,
                                                           const tf_dims *out_dims, int8_t *out)
{
    const int32_t c = in_dims->c, out_w = out_dims->w;
    const int32_t pair_fits = tf_dw_pair_fits(params, filter_dims, out_dims);
    int32_t words[TF_DW_RING_WORDS];
    tf_dw_group_ctx g;
    tf_dw_ring ring;
    int32_t ic, oy;
    ring.words = words;
    for (ic = 0; ic + 4 <= c; ic += 4) {
        tf_dw_group_ctx_init(&g, params, quant, in_dims, in, filter_dims, filter, bias, out_dims, ic, 0);
        tf_dw_ring_quick_of(&g, &ring);
        ring.filled = -1;
        if (pair_fits && ring.use_quick) {
            /* the packed weights after the ring's rows (tf_dw_pair_fits counts them) */
            int32_t *pw = words + filter_dims->h * 2 * tf_dw_pair_cols(params, filter_dims, out_dims);
            ring.cols = tf_dw_pair_cols(params, filter_dims, out_dims);
            tf_dw_pair_weights(pw, filter, filter_dims->h, params->stride.w, c, ic);
            for (oy = 0; oy < out_dims->h; ++oy) {
                tf_dw_pair_row_s8(&g, &ring, pw, oy, out + oy * out_w * c + ic, c);
            }
        } else {
            tf_dw_group_pack(&g, filter, filter_dims->h * filter_dims->w, ic);
            ring.cols = tf_dw_ring_cols(params, filter_dims, out_dims);
            for (oy = 0; oy < out_dims->h; ++oy) {
                tf_dw_ring_row_s8(&g, &ring, oy, out + oy * out_w * c + ic, c);
            }
        }
    }
}

#endif
