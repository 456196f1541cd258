/* All channel groups of 4 of a depth-multiplier-1 depthwise convolution through a ring of padded input rows: 3x3, 5x5
 * and 7x7 filters with stride 1 or 2 on rows of 8+ pixels in the pair layout (tf_dw_pair_dsp.h) where the group's requantization allows the quick
 * form, anything else in the word layout (tf_dw_ring_dsp.h). Groups in order, each group's output rows in order; a
 * group writes only its own 4 channels, and an output row only after it has read (into the ring) every input row it
 * needs. in and out may be the same buffer under the condition of depthwise_conv_s8_inplace_dsp.c.
 * Needs tf_dw_ring_fits. Defined in depthwise_conv/depthwise_conv_s8_ring_dsp.c (one copy for both depthwise kernels).
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_GROUPS_DSP_H
#define TF_DW_GROUPS_DSP_H

#include "tf_dw_pair_dsp.h"

void tf_dw_ring_groups_s8(const tf_dw_conv_params *params, const tf_per_channel_quant *quant, const tf_dims *in_dims,
                          const int8_t *in, const tf_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                          const tf_dims *out_dims, int8_t *out);

/* tf_dw_plane_s8 (common/tf_dw_plane_dsp.h), one copy for both depthwise kernels (also in
 * depthwise_conv_s8_ring_dsp.c). */
void tf_dw_plane_channel_s8(const tf_dw_conv_params *params, int32_t k, const tf_per_channel_quant *quant,
                            const int32_t *bias, const tf_dims *in_dims, const int8_t *in, int32_t ic,
                            const int8_t *filter, const tf_dims *out_dims, int8_t *dst, int32_t dst_stride);

#endif
