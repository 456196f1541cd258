/* CONV_2D int8 through im2col columns for Helium (MVE), specialized per layer: the compiler emits a static
 * function per layer calling tf_conv_s8_mve_body with the shapes and the kind of shifts as literal
 * constants (one image, no groups, at most TF_CONV_MVE_MAX_COLUMN taps). Each pair of output pixels'
 * columns (f_h * f_w * in_c taps, the input zero point for taps in the padding: with the folded bias they
 * add w * (-input_offset), see common/tf_mve_s8.h) is gathered on the stack, then multiplied by the OHWI
 * filters as stored through the 1x1 body's pair routine (conv_s8_1x1_mve_body.h), so that the tap count is
 * a constant there too. Also holds the column gathering of tf_conv_s8_mve (conv_s8_mve.c).
 * Order: output pixels two at a time in increasing row-major order; both columns complete before any
 * output of the pair is written. Portable C where __ARM_FEATURE_MVE is absent (same results). */
#ifndef CONV_S8_MVE_BODY_H
#define CONV_S8_MVE_BODY_H

#include "conv_s8_1x1_mve_body.h"

/* The im2col column of output pixel (oy, ox): per filter row, the taps inside the image copied as one run
 * (dilation 1: consecutive pixels are consecutive bytes), the zero point for the rest. */
static inline void tf_conv_mve_column(const tf_conv_params *params, const tf_dims *in_dims, const int8_t *image, int32_t f_h,
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

/* The layer (one image): OUT_H x OUT_W output pixels of OC channels from IN_H x IN_W x IN_C input, filter
 * F_H x F_W; every argument after `out` a constant at the call. Reads only stride, dilation, padding,
 * offsets and activation of params. */
static inline __attribute__((always_inline)) void tf_conv_s8_mve_body(const tf_conv_params *params,
                                                                      const tf_per_channel_quant *quant,
                                                                      const int8_t *filter, const int32_t *folded_bias,
                                                                      const int8_t *in, int8_t *out, const int32_t IN_H,
                                                                      const int32_t IN_W, const int32_t IN_C,
                                                                      const int32_t F_H, const int32_t F_W,
                                                                      const int32_t OUT_H, const int32_t OUT_W,
                                                                      const int32_t OC, const int kind)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const tf_dims in_dims = {1, IN_H, IN_W, IN_C};
    const int32_t K = F_H * F_W * IN_C, pixels = OUT_H * OUT_W;
    int8_t columns[2][F_H * F_W * IN_C];
    int32_t q;
    (void)kind;
    for (q = 0; q + 2 <= pixels; q += 2) {
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, q / OUT_W, q % OUT_W, columns[0]);
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, (q + 1) / OUT_W, (q + 1) % OUT_W, columns[1]);
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, columns[0], columns[1], out + q * OC, out + (q + 1) * OC, K, OC, 1, kind);
#else
        tf_mve_rows2_s8(columns[0], columns[1], filter, K, OC, &rq, out + q * OC, out + (q + 1) * OC);
#endif
    }
    if (q < pixels) {
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, q / OUT_W, q % OUT_W, columns[0]);
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, columns[0], columns[0], out + q * OC, out + q * OC, K, OC, 0, kind);
#else
        tf_mve_rows_s8(columns[0], filter, K, OC, &rq, out + q * OC);
#endif
    }
}

#endif
