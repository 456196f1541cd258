/* CONV_2D int8 (per-channel), any filter size, stride, dilation and padding, no groups, for Helium (MVE):
 * each output pixel's taps are gathered (im2col) into one column of f_h * f_w * in_c bytes on the stack,
 * the input zero point standing in for taps in the padding (with the folded bias they must add
 * w * (-input_offset), see common/tf_mve_s8.h), then tf_mve_rows2_s8 multiplies two columns at a time by
 * the OHWI filters as stored. Filters of more than TF_CONV_MVE_MAX_COLUMN taps and grouped convolutions are not
 * covered (the compiler does not choose this kernel for them). Portable C where __ARM_FEATURE_MVE is
 * absent. Same results as tf_conv_s8_nhwc with the unfolded bias.
 * Reads only h and w of filter_dims (the taps are h * w * in_dims->c).
 * Order: output pixels two at a time in increasing row-major order; both columns are complete before any
 * output of the pair is written. */
#include "tf_kernels.h"
#include "conv_s8_mve_body.h"

void tf_conv_s8_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                    const tf_dims *in_dims, const int8_t *in,
                    const tf_dims *filter_dims, const int8_t *filter,
                    const int32_t *folded_bias,
                    const tf_dims *out_dims, int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w, k = f_h * f_w * in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t per_image = out_h * out_w, pixels = out_dims->n * per_image;
    const int32_t image_bytes = in_dims->h * in_dims->w * in_dims->c;
    int8_t columns[2][TF_CONV_MVE_MAX_COLUMN];
    int32_t q, j;
    for (q = 0; q < pixels; q += 2) {
        const int32_t two = q + 1 < pixels;
        for (j = 0; j <= two; ++j) {
            const int32_t at = q + j, b = at / per_image;
            tf_conv_mve_column(params, in_dims, in + b * image_bytes, f_h, f_w, (at % per_image) / out_w, at % out_w, columns[j]);
        }
        if (two) {
            tf_mve_rows2_s8(columns[0], columns[1], filter, k, out_c, &rq, out + q * out_c, out + (q + 1) * out_c);
        } else {
            tf_mve_rows_s8(columns[0], filter, k, out_c, &rq, out + q * out_c);
        }
    }
}
