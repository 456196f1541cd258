/* CONV_2D int8 (per-channel), 1x1 filter, no top/left padding, no groups, any stride, for Helium (MVE),
 * on the raw input bytes with the folded bias (common/tf_mve_s8.h: folded_bias[oc] = bias[oc] +
 * input_offset * sum of filter oc). Up to 16 input channels: 4 output pixels at a time, each filter one
 * load and 4 VMLADAVA, the 4 pixels' sums requantized as one vector (tf_mve_narrow4_s8). More input
 * channels: two pixels at a time against 4 filters at a time, 16 MACs per VMLADAVA, the 4 sums
 * requantized in one vector (tf_mve_rows2_s8). Portable C where __ARM_FEATURE_MVE is absent. Same
 * results as tf_conv_s8_nhwc with the unfolded bias.
 * Order: output pixels four (or two) at a time in increasing row-major order (batch, y, x); a group's
 * inputs are read before any of its outputs is written (4 pixels) or re-read for every 4 output channels
 * (2 pixels), so a pair's outputs must not overlap its own input bytes; the last 1 to 3 pixels in pairs
 * and one. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* Input bytes of output pixel `at` (row-major over batch, y, x). */
static const int8_t *pixel_input(const tf_conv_params *params, const tf_dims *in_dims, const tf_dims *out_dims,
                                 const int8_t *in, int32_t at)
{
    const int32_t out_w = out_dims->w, out_h = out_dims->h;
    const int32_t ox = at % out_w, oy = (at / out_w) % out_h, b = at / (out_w * out_h);
    return in + ((b * in_dims->h + oy * params->stride.h) * in_dims->w + ox * params->stride.w) * in_dims->c;
}

void tf_conv_s8_1x1_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                        const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *filter_dims, const int8_t *filter,
                        const int32_t *folded_bias,
                        const tf_dims *out_dims, int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t in_c = in_dims->c, out_c = out_dims->c;
    const int32_t pixels = out_dims->n * out_dims->h * out_dims->w;
    int32_t q = 0;
    (void)filter_dims;
    if (in_c <= 16) {
        for (; q + 4 <= pixels; q += 4) {
            tf_mve_narrow4_s8(pixel_input(params, in_dims, out_dims, in, q), pixel_input(params, in_dims, out_dims, in, q + 1),
                              pixel_input(params, in_dims, out_dims, in, q + 2),
                              pixel_input(params, in_dims, out_dims, in, q + 3), filter, in_c, out_c, &rq,
                              out + q * out_c, out_c);
        }
    }
    for (; q + 2 <= pixels; q += 2) {
        tf_mve_rows2_s8(pixel_input(params, in_dims, out_dims, in, q), pixel_input(params, in_dims, out_dims, in, q + 1),
                        filter, in_c, out_c, &rq, out + q * out_c, out + (q + 1) * out_c);
    }
    if (q < pixels) {
        tf_mve_rows_s8(pixel_input(params, in_dims, out_dims, in, q), filter, in_c, out_c, &rq, out + q * out_c);
    }
}
