/* One output of the int8 reference depthwise convolution (TFLM DepthwiseConvPerChannel), shared by the
 * out-of-place kernel and the in-place one so both compute every output the same way. */
#ifndef TF_DEPTHWISE_CONV_S8_REF_H
#define TF_DEPTHWISE_CONV_S8_REF_H

#include "tf_kernels.h"
#include "tf_quant.h"
#include "../common/tf_window.h"

/* Output channel oc (input channel ic) of pixel win: the taps inside the image, the bias, requantization. */
static inline int8_t tf_depthwise_s8_output(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                            const tf_window_geom *g, const tf_window *win, const int8_t *in,
                                            int32_t in_c, const int8_t *filter, const int32_t *bias, int32_t ic,
                                            int32_t oc, int32_t out_c)
{
    int32_t acc = 0, fy, fx;
    for (fy = win->fy_lo; fy < win->fy_hi; ++fy) {
        for (fx = win->fx_lo; fx < win->fx_hi; ++fx) {
            const int32_t x = in[tf_window_in_pixel(g, win, fy, fx) * in_c + ic];
            acc += filter[(fy * g->filter.w + fx) * out_c + oc] * (x + params->input_offset);
        }
    }
    if (bias != NULL) {
        acc += bias[oc];
    }
    return tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc], params->output_offset,
                         params->activation.min, params->activation.max);
}

#endif /* TF_DEPTHWISE_CONV_S8_REF_H */
