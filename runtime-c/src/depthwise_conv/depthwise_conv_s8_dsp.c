/* DEPTHWISE_CONV_2D int8 (per-channel) for cores with the ARMv7E-M DSP extension: depth multiplier 1 and
 * dilation 1 (any stride and padding, filters up to 49 taps) 4 channels at a time, one output row at a time, through
 * a ring of padded input rows where the filter rows fit it (tf_dw_ring_groups_s8, common/tf_dw_groups_dsp.h), else
 * tap by tap (common/tf_dw_group_dsp.h); left-over channels of 3x3, 5x5 and 7x7 filters one channel plane at a time
 * with SMLAD (common/tf_dw_plane_dsp.h); one input channel with any multiplier (a first layer) one output pixel at a
 * time (common/tf_dw_one_channel_dsp.h: SMLAD on int16 taps when the filter fits a stack table, else plain C);
 * anything else, and cores without DSP, go to tf_depthwise_conv_s8_nhwc. Same results as tf_depthwise_conv_s8_nhwc.
 * Order: channel groups (4 channels at a time, their output rows in order), then channel planes one at a
 * time; not pixel order (except the one-input-channel paths: pixel order, each pixel's window read before its
 * outputs are written, which the overlapped depthwise of the planner relies on). */
#include "tf_kernels.h"
#include "tf_quant.h"

#define TF_DW_ONE_CHANNEL_MAX_TAPS 64

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dw_plane_dsp.h"
#include "../common/tf_dw_group_dsp.h"
#include "../common/tf_dw_groups_dsp.h"
#include "../common/tf_dw_one_channel_dsp.h"

/* Channel groups of 4 with border pixels tap by tap (common/tf_dw_group_dsp.h). */
static void __attribute__((noinline)) groups_direct(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                                    const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                                                    const int8_t *filter, const int32_t *bias, const tf_dims *out_dims,
                                                    int8_t *out)
{
    const int32_t c = in_dims->c, out_w = out_dims->w;
    tf_dw_group_ctx g;
    int32_t ic, oy;
    for (ic = 0; ic + 4 <= c; ic += 4) {
        tf_dw_group_ctx_init(&g, params, quant, in_dims, in, filter_dims, filter, bias, out_dims, ic, 1);
        for (oy = 0; oy < out_dims->h; ++oy) {
            tf_dw_group4_row_s8(&g, oy, out + oy * out_w * c + ic, c);
        }
    }
}

/* One input channel (a first layer: in_c == 1, every output channel a multiplier of it): per output
 * pixel, its taps once as x + input_offset (0 in the padding, whose taps TFLM skips), then each output
 * channel's taps from the 1xHxWxC filter. */
static void __attribute__((noinline)) one_input_channel(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                              const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                              const int8_t *filter, const int32_t *bias, const tf_dims *out_dims, int8_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c, taps = f_h * f_w;
    const int32_t off = params->input_offset, out_off = params->output_offset;
    const int32_t act_min = params->activation.min, act_max = params->activation.max;
    int32_t col[TF_DW_ONE_CHANNEL_MAX_TAPS];
    int32_t oy, ox, fy, fx, oc, t;
    for (oy = 0; oy < out_h; ++oy) {
        for (ox = 0; ox < out_w; ++ox) {
            const int32_t iy0 = oy * params->stride.h - params->padding.top;
            const int32_t ix0 = ox * params->stride.w - params->padding.left;
            int8_t *y = out + (oy * out_w + ox) * out_c;
            for (fy = 0; fy < f_h; ++fy) {
                const int32_t iy = iy0 + params->dilation.h * fy;
                for (fx = 0; fx < f_w; ++fx) {
                    const int32_t ix = ix0 + params->dilation.w * fx;
                    col[fy * f_w + fx] = iy >= 0 && iy < in_h && ix >= 0 && ix < in_w ? in[iy * in_w + ix] + off : 0;
                }
            }
            for (oc = 0; oc < out_c; ++oc) {
                const int8_t *w = filter + oc;
                int32_t acc = bias != NULL ? bias[oc] : 0;
                for (t = 0; t < taps; ++t) {
                    acc += col[t] * w[t * out_c];
                }
                y[oc] = tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc], out_off, act_min, act_max);
            }
        }
    }
}

#endif

void tf_depthwise_conv_s8_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                              const tf_dims *in_dims, const int8_t *in,
                              const tf_dims *filter_dims, const int8_t *filter,
                              const int32_t *bias,
                              const tf_dims *out_dims, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t plane_fits = tf_dw_plane_fits(params, in_dims, filter_dims);
    /* left-over channels (c % 4) need the plane form */
    if (tf_dw_group_fits(params, quant, in_dims, filter_dims) && (in_dims->c % 4 == 0 || plane_fits)) {
        const int32_t c = in_dims->c;
        int32_t ic;
        if (tf_dw_ring_fits(params, quant, in_dims, filter_dims, out_dims)) {
            tf_dw_ring_groups_s8(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
        } else {
            groups_direct(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
        }
        for (ic = c - c % 4; ic < c; ++ic) {
            tf_dw_plane_channel_s8(params, filter_dims->h, quant, bias, in_dims, in, ic, filter, out_dims, out + ic, c);
        }
        return;
    }
    if (plane_fits) {
        int32_t ic;
        for (ic = 0; ic < in_dims->c; ++ic) {
            tf_dw_plane_channel_s8(params, filter_dims->h, quant, bias, in_dims, in, ic, filter, out_dims, out + ic, in_dims->c);
        }
        return;
    }
    if (tf_dw_one_channel_fits(in_dims, filter_dims, out_dims)) {
        tf_dw_one_channel_s8(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
        return;
    }
    if (in_dims->c == 1 && in_dims->n == 1 && filter_dims->h * filter_dims->w <= TF_DW_ONE_CHANNEL_MAX_TAPS) {
        one_input_channel(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
        return;
    }
#endif
    tf_depthwise_conv_s8_nhwc(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
}
