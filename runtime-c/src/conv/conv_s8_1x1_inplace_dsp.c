/* tf_conv_s8_1x1_inplace for cores with the ARMv7E-M DSP extension: same pixel order and scratch use
 * (see conv_s8_1x1_inplace.c), each pixel's output channels computed two at a time with SXTB16 + SMLAD
 * (common/tf_dsp_s8.h) and requantized with one SMLAL when every shift is a right shift. Same results
 * as tf_conv_s8_1x1_inplace, which it falls back to elsewhere.
 * Order: one pixel at a time (its input copied to scratch first), increasing pixel order, or decreasing
 * when out_c > in_c. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

static inline __attribute__((always_inline)) void one_pixel(const tf_dsp_requant *r, int32_t in_c, int32_t out_c,
                                                            const int8_t *filter, const int8_t *px, int8_t *out,
                                                            const int fast)
{
    int32_t oc;
    for (oc = 0; oc < out_c; oc += 2) {
        /* Odd channel count: the last filter paired with itself, its second result dropped. */
        const int32_t has1 = oc + 1 < out_c;
        const int8_t *w0 = filter + oc * in_c, *w1 = has1 ? w0 + in_c : w0;
        const tf_dsp_chan c0 = tf_dsp_chan_of(r, oc, fast), c1 = tf_dsp_chan_of(r, has1 ? oc + 1 : oc, fast);
        int32_t a0 = c0.bias, a1 = c1.bias;
        tf_dsp_dot_1x2_s8(px, w0, w1, in_c, r->input_offset, &a0, &a1);
        out[oc] = tf_dsp_out_s8(r, &c0, a0, fast);
        if (has1) {
            out[oc + 1] = tf_dsp_out_s8(r, &c1, a1, fast);
        }
    }
}

static inline __attribute__((always_inline)) void all_pixels(const tf_dsp_requant *r, int32_t in_c, int32_t out_c,
                                                             int32_t pixels, const int8_t *filter, int8_t *buf,
                                                             int8_t *scratch, const int fast)
{
    const int32_t last_first = out_c > in_c;
    int32_t k;
    for (k = 0; k < pixels; ++k) {
        const int32_t p = last_first ? pixels - 1 - k : k;
        memcpy(scratch, buf + p * in_c, (size_t)in_c);
        one_pixel(r, in_c, out_c, filter, scratch, buf + p * out_c, fast);
    }
}
#endif

void tf_conv_s8_1x1_inplace_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_DSP)
    const tf_dsp_requant r = tf_dsp_requant_of(params, quant, bias, out_dims->c);
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    (void)filter_dims;
    if (r.fast) {
        all_pixels(&r, in_dims->c, out_dims->c, pixels, filter, buf, scratch, 1);
    } else {
        all_pixels(&r, in_dims->c, out_dims->c, pixels, filter, buf, scratch, 0);
    }
#else
    tf_conv_s8_1x1_inplace(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
#endif
}
