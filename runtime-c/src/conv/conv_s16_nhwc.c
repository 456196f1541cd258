/* CONV_2D int16 activations, int8 weights, int64 bias (TFLite's 16x8 scheme): TFLM
 * reference_integer_ops::ConvPerChannel<int64_t> for int16 input. Input and output zero points are 0
 * (TFLM requires it), so input_offset is not applied; int64 accumulator, requantized with the
 * 16-bit-multiplier MultiplyByQuantizedMultiplier(int64) (tf_mbqm_s64). The same loop serves the
 * int32-bias kernel (conv_s16_bias32_nhwc.c): summing in int64 and narrowing at the end wraps exactly as
 * its int32 accumulator does. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "conv_s16_core.h"
#include "../common/tf_window.h"

void tf_conv_s16_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                     const tf_dims *in_dims, const int16_t *in,
                     const tf_dims *filter_dims, const int8_t *filter,
                     const int64_t *bias,
                     const tf_dims *out_dims, int16_t *out)
{
    tf_conv_s16_core(params, quant, in_dims, in, filter_dims, filter, bias, NULL, 0, out_dims, out);
}

void tf_conv_s16_core(const tf_conv_params *params, const tf_per_channel_quant *quant,
                      const tf_dims *in_dims, const int16_t *in,
                      const tf_dims *filter_dims, const int8_t *filter,
                      const int64_t *bias64, const int32_t *bias32, int32_t acc32,
                      const tf_dims *out_dims, int16_t *out)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, f_w = filter_dims->w, f_c = filter_dims->c, out_c = out_dims->c;
    /* Grouped convolution: each group of out_c / groups filters sees f_c input channels. */
    const int32_t filters_per_group = out_c / (in_c / f_c);
    tf_window win;
    int32_t oc, fy, fx, ic;

    tf_window_start(&win);
    while (tf_window_next(&g, &win)) {
        for (oc = 0; oc < out_c; ++oc) {
            const int32_t ic_base = (oc / filters_per_group) * f_c;
            int64_t acc = 0;
            int32_t scaled;
            for (fy = win.fy_lo; fy < win.fy_hi; ++fy) {
                for (fx = win.fx_lo; fx < win.fx_hi; ++fx) {
                    const int16_t *in_px = in + tf_window_in_pixel(&g, &win, fy, fx) * in_c + ic_base;
                    const int8_t *f_px = filter + ((oc * g.filter.h + fy) * f_w + fx) * f_c;
                    for (ic = 0; ic < f_c; ++ic) {
                        acc += (int64_t)f_px[ic] * in_px[ic];
                    }
                }
            }
            if (bias64 != NULL) {
                acc += bias64[oc];
            } else if (bias32 != NULL) {
                acc += bias32[oc];
            }
            scaled = acc32 ? tf_mbqm((int32_t)(uint32_t)(uint64_t)acc, quant->multiplier[oc], quant->shift[oc])
                           : tf_mbqm_s64(acc, quant->multiplier[oc], quant->shift[oc]);
            out[win.out_pixel * out_c + oc] =
                tf_sat_s16(scaled + params->output_offset, params->activation.min, params->activation.max);
        }
    }
}
