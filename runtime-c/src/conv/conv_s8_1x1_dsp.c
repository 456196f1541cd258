/* CONV_2D int8 (per-channel) with a 1x1 filter, no top/left padding and no groups, for cores with the
 * ARMv7E-M DSP extension: 2 pixels x 2 output channels per inner loop (SXTB16 + SMLAD, see
 * common/tf_dsp_s8.h). Any stride. Same results as tf_conv_s8_nhwc, which it falls back to elsewhere. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

/* All output channels of one or two pixels (x1 == NULL: one). */
static void pixels(const tf_conv_params *params, const tf_per_channel_quant *quant, int32_t in_c, int32_t out_c,
                   const int8_t *filter, const int32_t *bias, const int8_t *x0, const int8_t *x1, int8_t *y0,
                   int8_t *y1)
{
    const tf_dsp_requant rq = tf_dsp_requant_of(params, quant, bias);
    const int32_t input_offset = params->input_offset;
    int32_t oc;
    for (oc = 0; oc + 2 <= out_c; oc += 2) {
        const int8_t *w0 = filter + oc * in_c, *w1 = w0 + in_c;
        if (x1 != NULL) {
            int32_t a[2][2] = {{0, 0}, {0, 0}};
            tf_dsp_dot_2x2_s8(x0, x1, w0, w1, in_c, input_offset, a);
            y0[oc] = tf_dsp_requant_s8(&rq, oc, a[0][0]);
            y0[oc + 1] = tf_dsp_requant_s8(&rq, oc + 1, a[0][1]);
            y1[oc] = tf_dsp_requant_s8(&rq, oc, a[1][0]);
            y1[oc + 1] = tf_dsp_requant_s8(&rq, oc + 1, a[1][1]);
        } else {
            int32_t a0 = 0, a1 = 0;
            tf_dsp_dot_1x2_s8(x0, w0, w1, in_c, input_offset, &a0, &a1);
            y0[oc] = tf_dsp_requant_s8(&rq, oc, a0);
            y0[oc + 1] = tf_dsp_requant_s8(&rq, oc + 1, a1);
        }
    }
    if (oc < out_c) {
        /* Odd channel count: the last filter paired with itself. */
        const int8_t *w = filter + oc * in_c;
        int32_t a0 = 0, a1 = 0;
        tf_dsp_dot_1x2_s8(x0, w, w, in_c, input_offset, &a0, &a1);
        y0[oc] = tf_dsp_requant_s8(&rq, oc, a0);
        if (x1 != NULL) {
            a0 = 0;
            tf_dsp_dot_1x2_s8(x1, w, w, in_c, input_offset, &a0, &a1);
            y1[oc] = tf_dsp_requant_s8(&rq, oc, a0);
        }
    }
}
#endif

void tf_conv_s8_1x1_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                        const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *filter_dims, const int8_t *filter,
                        const int32_t *bias,
                        const tf_dims *out_dims, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_w = out_dims->w, out_c = out_dims->c;
    const int32_t pixels_out = out_dims->n * out_dims->h * out_w;
    int32_t p;
    (void)filter_dims;
    for (p = 0; p < pixels_out; p += 2) {
        const int8_t *x[2] = {in, in};
        int32_t k;
        for (k = 0; k < 2 && p + k < pixels_out; ++k) {
            const int32_t q = p + k, ox = q % out_w, oy = (q / out_w) % out_dims->h, b = q / (out_w * out_dims->h);
            x[k] = in + ((b * in_h + oy * params->stride.h) * in_w + ox * params->stride.w) * in_c;
        }
        pixels(params, quant, in_c, out_c, filter, bias, x[0], p + 1 < pixels_out ? x[1] : NULL,
               out + p * out_c, out + (p + 1) * out_c);
    }
#else
    tf_conv_s8_nhwc(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
#endif
}
