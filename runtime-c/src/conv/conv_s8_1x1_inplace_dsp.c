/* tf_conv_s8_1x1_inplace for cores with the ARMv7E-M DSP extension: same pixel order and scratch use
 * (see conv_s8_1x1_inplace.c), each pixel's output channels computed two at a time with SXTB16 + SMLAD
 * (common/tf_dsp_s8.h). Same results as tf_conv_s8_1x1_inplace, which it falls back to elsewhere. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

static void one_pixel(const tf_conv_params *params, const tf_per_channel_quant *quant, int32_t in_c,
                      int32_t out_c, const int8_t *filter, const int32_t *bias, const int8_t *px, int8_t *out)
{
    const tf_dsp_requant rq = tf_dsp_requant_of(params, quant, bias);
    const int32_t input_offset = params->input_offset;
    int32_t oc;
    for (oc = 0; oc < out_c; oc += 2) {
        const int8_t *w0 = filter + oc * in_c;
        /* Odd channel count: the last filter paired with itself, its second result dropped. */
        const int8_t *w1 = oc + 1 < out_c ? w0 + in_c : w0;
        int32_t a0 = 0, a1 = 0;
        tf_dsp_dot_1x2_s8(px, w0, w1, in_c, input_offset, &a0, &a1);
        out[oc] = tf_dsp_requant_s8(&rq, oc, a0);
        if (oc + 1 < out_c) {
            out[oc + 1] = tf_dsp_requant_s8(&rq, oc + 1, a1);
        }
    }
}
#endif

void tf_conv_s8_1x1_inplace_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t in_c = in_dims->c, out_c = out_dims->c;
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    const int32_t last_first = out_c > in_c;
    int32_t k;
    (void)filter_dims;
    for (k = 0; k < pixels; ++k) {
        const int32_t p = last_first ? pixels - 1 - k : k;
        memcpy(scratch, buf + p * in_c, (size_t)in_c);
        one_pixel(params, quant, in_c, out_c, filter, bias, scratch, buf + p * out_c);
    }
#else
    tf_conv_s8_1x1_inplace(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
#endif
}
