/* CONV_2D int8 (per-channel), 1x1 filter, no top/left padding, no groups, any stride, for Helium (MVE):
 * each output pixel against 4 filters at a time, 16 MACs per VMLADAVA on the raw input bytes with the
 * folded bias (common/tf_mve_s8.h: folded_bias[oc] = bias[oc] + input_offset * sum of filter oc), the
 * 4 sums requantized in one vector. Portable C where __ARM_FEATURE_MVE is absent. Same results as
 * tf_conv_s8_nhwc with the unfolded bias.
 * Order: output pixels two at a time (sharing each weight load) in increasing row-major order (batch, y,
 * x); a pair's inputs are re-read for every 4 output channels, so its outputs must not overlap its own
 * input bytes. */
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
    const int32_t pixels = out_dims->n * out_h * out_w;
    int32_t q;
    (void)filter_dims;
    for (q = 0; q < pixels; q += 2) {
        const int8_t *x[2];
        int32_t k;
        for (k = 0; k < 2; ++k) {
            const int32_t at = q + k < pixels ? q + k : q, ox = at % out_w, oy = (at / out_w) % out_h, b = at / (out_w * out_h);
            x[k] = in + ((b * in_h + oy * params->stride.h) * in_w + ox * params->stride.w) * in_c;
        }
        if (q + 1 < pixels) {
            tf_mve_rows2_s8(x[0], x[1], filter, in_c, out_c, &rq, out + q * out_c, out + (q + 1) * out_c);
        } else {
            tf_mve_rows_s8(x[0], filter, in_c, out_c, &rq, out + q * out_c);
        }
    }
}
