/* CONV_2D int8 (per-channel), any filter size, stride, dilation and padding, no groups, for Helium (MVE):
 * each output pixel's taps are gathered (im2col) into one column of f_h * f_w * in_c bytes on the stack,
 * the input zero point standing in for taps in the padding (with the folded bias they must add
 * w * (-input_offset), see common/tf_mve_s8.h), then tf_mve_rows_s8 multiplies the column by the OHWI
 * filters as stored. Filters of more than TF_CONV_MVE_MAX_COLUMN taps and grouped convolutions are not
 * covered (the compiler does not choose this kernel for them). Portable C where __ARM_FEATURE_MVE is
 * absent. Same results as tf_conv_s8_nhwc with the unfolded bias.
 * Order: output pixels one at a time in increasing row-major order; a pixel's column is complete before
 * any of its outputs is written. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

void tf_conv_s8_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                    const tf_dims *in_dims, const int8_t *in,
                    const tf_dims *filter_dims, const int8_t *filter,
                    const int32_t *folded_bias,
                    const tf_dims *out_dims, int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w, k = f_h * f_w * in_c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int8_t zero_point = (int8_t)(-params->input_offset);
    int8_t column[TF_CONV_MVE_MAX_COLUMN];
    int32_t b, oy, ox, fy, fx;
    for (b = 0; b < out_dims->n; ++b) {
        const int8_t *image = in + b * in_h * in_w * in_c;
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t iy0 = oy * params->stride.h - params->padding.top;
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t ix0 = ox * params->stride.w - params->padding.left;
                int8_t *c = column;
                for (fy = 0; fy < f_h; ++fy) {
                    const int32_t iy = iy0 + params->dilation.h * fy;
                    for (fx = 0; fx < f_w; ++fx, c += in_c) {
                        const int32_t ix = ix0 + params->dilation.w * fx;
                        if (iy >= 0 && iy < in_h && ix >= 0 && ix < in_w) {
                            tf_mve_copy(c, image + (iy * in_w + ix) * in_c, in_c);
                        } else {
                            tf_mve_fill(c, zero_point, in_c);
                        }
                    }
                }
                tf_mve_rows_s8(column, filter, k, out_c, &rq, out + ((b * out_h + oy) * out_w + ox) * out_c);
            }
        }
    }
}
