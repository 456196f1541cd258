/* DEPTHWISE_CONV_2D int8 (per-channel) computed in place: the output overwrites the input, which
 * starts at the same address (TinyEngine's scheme). Input channels are handled one at a time: the
 * depth_multiplier output planes of channel ic are computed into scratch (reading only input channel
 * ic), then copied to the output's NHWC positions. Arithmetic identical to tf_depthwise_conv_s8_nhwc.
 *
 * Safe whenever no output write lands on an input byte of a channel not yet processed. With
 * multiplier 1 a write of channel ic at pixel p lands on byte p*C + ic, which belongs to input channel
 * ic itself (already consumed) or lies past the input: always safe, any stride or padding. With larger
 * multipliers the compiler replays the writes and uses this kernel only when it is safe. Batch 1 only. */
#include "tf_kernels.h"
#include "tf_quant.h"
#include "depthwise_conv_s8_ref.h"

void tf_depthwise_conv_s8_nhwc_inplace(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                       const tf_dims *in_dims, const tf_dims *filter_dims,
                                       const int8_t *filter, const int32_t *bias,
                                       const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
    const tf_window_geom g = tf_window_geom_of(params->stride, params->dilation, params->padding, filter_dims->h,
                                               filter_dims->w, in_dims, out_dims);
    const int32_t in_c = in_dims->c, out_c = out_dims->c, mult = params->depth_multiplier;
    const int32_t plane = out_dims->h * out_dims->w;
    tf_window win;
    int32_t ic, m, p;

    for (ic = 0; ic < in_c; ++ic) {
        for (m = 0; m < mult; ++m) {
            const int32_t oc = ic * mult + m;
            tf_window_start(&win);
            while (tf_window_next(&g, &win)) { /* batch 1: out_pixel is the plane position */
                scratch[m * plane + win.out_pixel] =
                    tf_depthwise_s8_output(params, quant, &g, &win, buf, in_c, filter, bias, ic, oc, out_c);
            }
        }
        /* Input channel ic is fully consumed: its bytes may now take the output. */
        for (m = 0; m < mult; ++m) {
            const int8_t *src = scratch + m * plane;
            int8_t *dst = buf + ic * mult + m;
            for (p = 0; p < plane; ++p) {
                dst[p * out_c] = src[p];
            }
        }
    }
}
