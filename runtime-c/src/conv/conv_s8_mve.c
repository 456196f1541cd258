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
#include "../common/tf_mve_s8.h"

/* The im2col column of output pixel (oy, ox): per filter row, the taps inside the image copied as one run
 * (dilation 1: consecutive pixels are consecutive bytes), the zero point for the rest. */
static void fill_column(const tf_conv_params *params, const tf_dims *in_dims, const int8_t *image, int32_t f_h,
                        int32_t f_w, int32_t oy, int32_t ox, int8_t *column)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c, dh = params->dilation.h, dw = params->dilation.w;
    const int32_t iy0 = oy * params->stride.h - params->padding.top, ix0 = ox * params->stride.w - params->padding.left;
    const int8_t zero_point = (int8_t)(-params->input_offset);
    /* taps fx in [fx0, fx1) lie inside the image horizontally */
    const int32_t fx0 = ix0 >= 0 ? 0 : tf_min_i32(f_w, (-ix0 + dw - 1) / dw);
    const int32_t fx1 = tf_max_i32(fx0, tf_min_i32(f_w, in_w - ix0 > 0 ? (in_w - ix0 + dw - 1) / dw : 0));
    const int32_t run = f_w * in_c;
    int32_t fy, fx;
#if defined(__ARM_FEATURE_MVE)
    if (fx0 == 0 && fx1 == f_w && dw == 1 && run <= 16 && iy0 >= 0 && iy0 + dh * (f_h - 1) < in_h) {
        /* Every tap inside and each filter row one vector (a first layer's 3x3x3): no loops, no fills. */
        const mve_pred16_t p = vctp8q((uint32_t)run);
        const int8_t *src = image + (iy0 * in_w + ix0) * in_c;
        for (fy = 0; fy < f_h; ++fy, column += run, src += dh * in_w * in_c) {
            vstrbq_p_s8(column, vldrbq_z_s8(src, p), p);
        }
        return;
    }
#endif
    for (fy = 0; fy < f_h; ++fy, column += run) {
        const int32_t iy = iy0 + dh * fy;
        if (iy < 0 || iy >= in_h) {
            tf_mve_fill(column, zero_point, run);
            continue;
        }
        tf_mve_fill(column, zero_point, fx0 * in_c);
        if (dw == 1) {
            tf_mve_copy(column + fx0 * in_c, image + (iy * in_w + ix0 + fx0) * in_c, (fx1 - fx0) * in_c);
        } else {
            for (fx = fx0; fx < fx1; ++fx) {
                tf_mve_copy(column + fx * in_c, image + (iy * in_w + ix0 + dw * fx) * in_c, in_c);
            }
        }
        tf_mve_fill(column + fx1 * in_c, zero_point, (f_w - fx1) * in_c);
    }
}

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
            fill_column(params, in_dims, in + b * image_bytes, f_h, f_w, (at % per_image) / out_w, at % out_w, columns[j]);
        }
        if (two) {
            tf_mve_rows2_s8(columns[0], columns[1], filter, k, out_c, &rq, out + q * out_c, out + (q + 1) * out_c);
        } else {
            tf_mve_rows_s8(columns[0], filter, k, out_c, &rq, out + q * out_c);
        }
    }
}
