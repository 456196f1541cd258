/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, dilation 1, one image, through padded channel
 * planes and row bands (common/tf_dw_band_mve.h): VMLADAV.S8 over 16 taps of one output pixel at once.
 * Out of place, or fully in place (out == in). The filter comes rearranged by the compiler: channel c's
 * taps at band_filter[c * nch * 16 + fx * kh + fy], zeros up to nch * 16 (nch = ceil(kh * kw / 16)).
 * Portable C where __ARM_FEATURE_MVE is absent (the same planes and sums). Same results as
 * tf_depthwise_conv_s8_nhwc with the unfolded bias and the filter in TFLite's order. */
#include "tf_kernels.h"
#include "../common/tf_dw_band_mve.h"

void tf_depthwise_conv_s8_band_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                   const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                                   const int8_t *band_filter, const int32_t *folded_bias, const tf_dims *out_dims,
                                   int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t C = in_dims->c, kh = filter_dims->h, kw = filter_dims->w, nch = (kh * kw + 15) / 16;
    const int32_t Hp = (out_dims->h - 1) * params->stride.h + kh, Wp = (out_dims->w - 1) * params->stride.w + kw;
    const int32_t S = Hp * Wp, B = TF_DW_PLANAR_MAX_PLANE / S;
    int32_t c0, b;
#if defined(__ARM_FEATURE_MVE)
    int8_t planes[TF_DW_PLANAR_MAX_PLANE + 16]; /* + 16: a last row's 16-byte load stays inside */
    int8_t band[TF_DW_BAND_MAX + 16];
    int32_t sums[TF_DWB_SUMS];
    tf_dwp_geom pg;
    tf_dwb_geom g;
    /* pixels per load with one chunk: the taps moved up by stride_w * kh lanes must stay within 16 */
    const int32_t share = nch == 1 ? tf_min_i32(3, 1 + (16 - kh * kw) / (params->stride.w * kh)) : 1;
    pg.C = C;
    pg.in_w = in_dims->w;
    pg.Wp = Wp;
    pg.S = S;
    g.C = C;
    g.Wp = Wp;
    g.kh = kh;
    g.out_h = out_dims->h;
    g.out_w = out_dims->w;
    g.stride_h = params->stride.h;
    g.step = params->stride.w * kh;
    g.rows = TF_DW_BAND_MAX_ROW / out_dims->w;
    for (c0 = 0; c0 < C; c0 += B) {
        const int32_t nb = tf_min_i32(B, C - c0);
        tf_dwp_fill(&pg, in_dims->h, params->padding.top, params->padding.left, (int8_t)(-params->input_offset), in, c0,
                    nb, planes);
        for (b = 0; b < nb; ++b) {
            const int32_t c = c0 + b;
            const int8_t *wk = band_filter + c * nch * 16;
            tf_dwp_rq q;
            q.multiplier = rq.multiplier[c];
            q.shift = rq.shift[c];
            q.output_offset = rq.output_offset;
            q.lo = vdupq_n_s32(rq.act_min);
            q.hi = vdupq_n_s32(rq.act_max);
            if (nch == 1 && share == 3) {
                tf_dwb_channel(&g, planes + b * S, wk, 1, 3, &q, rq.bias[c], band, sums, out + c);
            } else if (nch == 1 && share == 2) {
                tf_dwb_channel(&g, planes + b * S, wk, 1, 2, &q, rq.bias[c], band, sums, out + c);
            } else if (nch == 1) {
                tf_dwb_channel(&g, planes + b * S, wk, 1, 1, &q, rq.bias[c], band, sums, out + c);
            } else if (nch == 2) {
                tf_dwb_channel(&g, planes + b * S, wk, 2, 1, &q, rq.bias[c], band, sums, out + c);
            } else if (nch == 3) {
                tf_dwb_channel(&g, planes + b * S, wk, 3, 1, &q, rq.bias[c], band, sums, out + c);
            } else {
                tf_dwb_channel(&g, planes + b * S, wk, 4, 1, &q, rq.bias[c], band, sums, out + c);
            }
        }
    }
#else
    int8_t planes[TF_DW_PLANAR_MAX_PLANE];
    const int32_t out_w = out_dims->w, pixels = out_dims->h * out_w;
    int32_t q, t;
    for (c0 = 0; c0 < C; c0 += B) {
        const int32_t nb = tf_min_i32(B, C - c0);
        tf_dwp_fill_portable(params, in_dims, in, c0, nb, Hp, Wp, planes);
        for (b = 0; b < nb; ++b) {
            const int8_t *plane = planes + b * S, *wk = band_filter + (c0 + b) * nch * 16;
            for (q = 0; q < pixels; ++q) {
                const int8_t *x = plane + (q / out_w) * params->stride.h * Wp + (q % out_w) * params->stride.w;
                int32_t acc = 0;
                for (t = 0; t < kh * kw; ++t) {
                    acc += (int32_t)wk[t] * x[(t % kh) * Wp + t / kh];
                }
                out[q * C + c0 + b] = tf_mve_requant_one(&rq, c0 + b, acc);
            }
        }
    }
#endif
}
