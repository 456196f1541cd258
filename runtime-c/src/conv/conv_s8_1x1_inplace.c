/* CONV_2D int8 (per-channel) with a 1x1 filter, stride 1 and no padding, computed in place: the output
 * overwrites the input, which starts at the same address. Each pixel's input channels are copied to
 * scratch (in_c bytes) before its output channels are written. When the output is wider (out_c >
 * in_c) pixels go last to first: pixel p writes bytes [p*out_c, (p+1)*out_c), never below p*in_c, where
 * the unread pixels 0..p-1 end. When it is not wider pixels go first to last: pixel p writes below
 * (p+1)*out_c <= (p+1)*in_c, where the unread pixels p+1.. begin. Arithmetic identical to
 * tf_conv_s8_nhwc (same accumulation order). Groups are not supported (filter_dims->c == in_c). */
#include "tf_kernels.h"
#include "tf_quant.h"

static void one_pixel(const tf_conv_params *params, const tf_per_channel_quant *quant, int32_t in_c,
                      int32_t out_c, const int8_t *filter, const int32_t *bias, const int8_t *px,
                      int8_t *out)
{
    int32_t oc, ic;
    for (oc = 0; oc < out_c; ++oc) {
        const int8_t *f = filter + oc * in_c;
        int32_t acc = 0;
        for (ic = 0; ic < in_c; ++ic) {
            acc += (int32_t)f[ic] * ((int32_t)px[ic] + params->input_offset);
        }
        if (bias != NULL) {
            acc += bias[oc];
        }
        out[oc] = tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc], params->output_offset,
                                params->activation.min, params->activation.max);
    }
}

void tf_conv_s8_1x1_inplace(const tf_conv_params *params, const tf_per_channel_quant *quant,
                            const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                            const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
    const int32_t in_c = in_dims->c, out_c = out_dims->c;
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    int32_t p, i;
    (void)filter_dims;
    if (out_c > in_c) {
        for (p = pixels - 1; p >= 0; --p) {
            for (i = 0; i < in_c; ++i) {
                scratch[i] = buf[p * in_c + i];
            }
            one_pixel(params, quant, in_c, out_c, filter, bias, scratch, buf + p * out_c);
        }
    } else {
        for (p = 0; p < pixels; ++p) {
            for (i = 0; i < in_c; ++i) {
                scratch[i] = buf[p * in_c + i];
            }
            one_pixel(params, quant, in_c, out_c, filter, bias, scratch, buf + p * out_c);
        }
    }
}
