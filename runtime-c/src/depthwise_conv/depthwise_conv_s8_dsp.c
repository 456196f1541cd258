/* DEPTHWISE_CONV_2D int8 (per-channel) for cores with the ARMv7E-M DSP extension: 3x3, 5x5 and 7x7
 * filters with depth multiplier 1 and dilation 1 (any stride and padding) one channel plane at a time
 * with SMLAD (common/tf_dw_plane_dsp.h); anything else, and cores without DSP, go to
 * tf_depthwise_conv_s8_nhwc. Same results as tf_depthwise_conv_s8_nhwc. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dw_plane_dsp.h"
#endif

void tf_depthwise_conv_s8_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                              const tf_dims *in_dims, const int8_t *in,
                              const tf_dims *filter_dims, const int8_t *filter,
                              const int32_t *bias,
                              const tf_dims *out_dims, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    if (tf_dw_plane_fits(params, in_dims, filter_dims)) {
        int32_t ic;
        for (ic = 0; ic < in_dims->c; ++ic) {
            tf_dw_plane_s8(params, filter_dims->h, quant, bias, in_dims, in, ic, filter, out_dims, out + ic, in_dims->c);
        }
        return;
    }
#endif
    tf_depthwise_conv_s8_nhwc(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
}
