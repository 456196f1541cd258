/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, any filter size, stride, dilation and
 * padding, for Helium (MVE): 4 channels per int32 vector, runs of 4 interior output pixels sharing each
 * weight load (common/tf_dw_mve.h), with the folded bias (common/tf_mve_s8.h). Portable C where
 * __ARM_FEATURE_MVE is absent. Same results as tf_depthwise_conv_s8_nhwc with the unfolded bias.
 * Order: output rows top to bottom, pixels left to right, one pixel (borders) or a block of 4 adjacent
 * pixels (interior) at a time; inside a 4-pixel block the inputs and outputs of 4 channels are read and
 * written band by band, so a block's outputs must not overlap any input the block still reads. */
#include "tf_kernels.h"
#include "../common/tf_dw_mve.h"

void tf_depthwise_conv_s8_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                              const tf_dims *in_dims, const int8_t *in,
                              const tf_dims *filter_dims, const int8_t *filter,
                              const int32_t *bias, const int32_t *folded_bias,
                              const tf_dims *out_dims, int8_t *out)
{
    const int32_t C = out_dims->c, out_h = out_dims->h, out_w = out_dims->w;
    const tf_dw_mve_layer L = tf_dw_mve_layer_of(params, quant, in_dims, filter_dims, filter, bias, folded_bias, C);
    int32_t b, oy;
    for (b = 0; b < out_dims->n; ++b) {
        const int8_t *image = in + b * in_dims->h * in_dims->w * C;
        for (oy = 0; oy < out_h; ++oy) {
            tf_dw_mve_row(&L, image, oy, out_w, 0, C, out + ((b * out_h + oy) * out_w) * C);
        }
    }
}
