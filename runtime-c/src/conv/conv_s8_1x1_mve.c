/* CONV_2D int8 (per-channel), 1x1 filter, no top/left padding, no groups, any stride, for Helium (MVE):
 * each output pixel against 4 filters at a time, 16 MACs per VMLADAVA on the raw input bytes with the
 * folded bias (common/tf_mve_s8.h: folded_bias[oc] = bias[oc] + input_offset * sum of filter oc), the
 * 4 sums requantized in one vector. Portable C where __ARM_FEATURE_MVE is absent. Same results as
 * tf_conv_s8_nhwc with the unfolded bias.
 * Order: output pixels one at a time in increasing row-major order (batch, y, x); a pixel's input is
 * re-read for every 4 output channels, so its outputs must not overlap its own input bytes. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

void tf_conv_s8_1x1_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                        const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *filter_dims, const int8_t *filter,
                        const int32_t *folded_bias,
                        const tf_dims *out_dims, int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    int32_t b, oy, ox;
    (void)filter_dims;
    for (b = 0; b < out_dims->n; ++b) {
        for (oy = 0; oy < out_h; ++oy) {
            const int8_t *x = in + (b * in_h + oy * sh) * in_w * in_c;
            int8_t *y = out + (b * out_h + oy) * out_w * out_c;
            for (ox = 0; ox < out_w; ++ox, x += sw * in_c, y += out_c) {
                tf_mve_rows_s8(x, filter, in_c, out_c, &rq, y);
            }
        }
    }
}
