/* tf_depthwise_conv_s8_nhwc_inplace for cores with the ARMv7E-M DSP extension: 3x3, 5x5 and 7x7 filters
 * with depth multiplier 1 and dilation 1 compute, for small output planes, 4 channels at a time into a stack
 * buffer (common/tf_dw_group_dsp.h), else each channel plane into scratch with SMLAD
 * (common/tf_dw_plane_dsp.h), then copy it to the output, in the same channel order and with the same
 * scratch as the portable in-place kernel (see depthwise_conv_s8_nhwc_inplace.c for why that is safe);
 * anything else, and cores without DSP, go to tf_depthwise_conv_s8_nhwc_inplace. Same results.
 * Order: channel planes (1 or 4 channels at a time), not pixel order. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dw_plane_dsp.h"
#include "../common/tf_dw_group_dsp.h"
#endif

void tf_depthwise_conv_s8_inplace_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                      const tf_dims *in_dims, const tf_dims *filter_dims,
                                      const int8_t *filter, const int32_t *bias,
                                      const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_DSP)
    if (tf_dw_plane_fits(params, in_dims, filter_dims)) {
        const int32_t c = in_dims->c, plane = out_dims->h * out_dims->w;
        int32_t ic = 0, p, j;
        if (tf_dw_group_fits(params, quant, in_dims, filter_dims, out_dims)) {
            int8_t group[4 * TF_DW_GROUP_MAX_PIXELS];
            for (; ic + 4 <= c; ic += 4) {
                tf_dw_group4_s8(params, quant, in_dims, buf, filter_dims, filter, bias, out_dims, ic, group, 4);
                /* Input channels ic .. ic + 3 are fully consumed: their bytes may now take the output. */
                for (p = 0; p < plane; ++p) {
                    for (j = 0; j < 4; ++j) {
                        buf[p * c + ic + j] = group[4 * p + j];
                    }
                }
            }
        }
        for (; ic < c; ++ic) {
            tf_dw_plane_s8(params, filter_dims->h, quant, bias, in_dims, buf, ic, filter, out_dims, scratch, 1);
            /* Input channel ic is fully consumed: its bytes may now take the output. */
            for (p = 0; p < plane; ++p) {
                buf[p * c + ic] = scratch[p];
            }
        }
        return;
    }
#endif
    tf_depthwise_conv_s8_nhwc_inplace(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
}
