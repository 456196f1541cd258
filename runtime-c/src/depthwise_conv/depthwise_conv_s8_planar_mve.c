/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, one image, through padded channel planes
 * (common/tf_dw_planar_mve.h): out of place, or fully in place (out == in). Bands of as many channels as
 * fit TF_DW_PLANAR_MAX_PLANE bytes of padded planes are copied (padding = the input zero point), then
 * each channel is computed from its plane; with the folded bias (common/tf_mve_s8.h) every tap is a plain
 * multiply of the stored byte. Portable C where __ARM_FEATURE_MVE is absent (the same bands, planes and
 * sums). Same results as tf_depthwise_conv_s8_nhwc with the unfolded bias.
 * Order: band by band; a band's inputs are all copied before any of its outputs is written, and a band
 * writes only its own channels, so out == in is safe. */
#include "tf_kernels.h"
#include "../common/tf_dw_planar_mve.h"

/* Rows and columns of a padded plane: what the taps of the output reach. */
static int32_t padded_rows(const tf_dw_conv_params *p, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    return (out_dims->h - 1) * p->stride.h + (filter_dims->h - 1) * p->dilation.h + 1;
}

static int32_t padded_cols(const tf_dw_conv_params *p, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    return (out_dims->w - 1) * p->stride.w + (filter_dims->w - 1) * p->dilation.w + 1;
}


void tf_depthwise_conv_s8_planar_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                     const tf_dims *in_dims, const int8_t *in,
                                     const tf_dims *filter_dims, const int8_t *filter,
                                     const int32_t *folded_bias, const tf_dims *out_dims, int8_t *out)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t C = in_dims->c, Hp = padded_rows(params, filter_dims, out_dims);
    const int32_t Wp = padded_cols(params, filter_dims, out_dims), S = Hp * Wp, B = TF_DW_PLANAR_MAX_PLANE / S;
    const int32_t pixels = out_dims->h * out_dims->w, taps = filter_dims->h * filter_dims->w;
    int8_t planes[TF_DW_PLANAR_MAX_PLANE];
    int32_t c0, b;
#if defined(__ARM_FEATURE_MVE)
    uint16_t table[TF_DWP_CHUNK + 12];
    int32_t wk[TF_DW_PLANAR_MAX_TAPS];
    tf_dwp_geom g;
    int32_t q0;
    g.C = C;
    g.in_w = in_dims->w;
    g.out_w = out_dims->w;
    g.f_h = filter_dims->h;
    g.f_w = filter_dims->w;
    g.dw = params->dilation.w;
    g.Wp = Wp;
    g.S = S;
    g.row_step = params->dilation.h * Wp;
    for (c0 = 0; c0 < C; c0 += B) {
        const int32_t nb = tf_min_i32(B, C - c0);
        tf_dwp_fill(&g, in_dims->h, params->padding.top, params->padding.left, (int8_t)(-params->input_offset), in, c0,
                    nb, planes);
        for (q0 = 0; q0 < pixels; q0 += TF_DWP_CHUNK) {
            const int32_t n = tf_min_i32(TF_DWP_CHUNK, pixels - q0);
            tf_dwp_table(&g, params->stride.h, params->stride.w, q0, n, table);
            for (b = 0; b < nb; ++b) {
                tf_dwp_taps(filter + c0 + b, C, taps, wk);
                tf_dwp_channel_any(&g, planes + b * S, table, n, wk, &rq, c0 + b, out + q0 * C + c0 + b);
            }
        }
    }
#else
    const int32_t out_w = out_dims->w;
    int32_t q, fy, fx;
    (void)taps;
    for (c0 = 0; c0 < C; c0 += B) {
        const int32_t nb = tf_min_i32(B, C - c0);
        tf_dwp_fill_portable(params, in_dims, in, c0, nb, Hp, Wp, planes);
        for (b = 0; b < nb; ++b) {
            const int8_t *plane = planes + b * S;
            const int32_t c = c0 + b;
            for (q = 0; q < pixels; ++q) {
                const int8_t *x = plane + (q / out_w) * params->stride.h * Wp + (q % out_w) * params->stride.w;
                int32_t acc = 0;
                for (fy = 0; fy < filter_dims->h; ++fy) {
                    for (fx = 0; fx < filter_dims->w; ++fx) {
                        acc += (int32_t)filter[(fy * filter_dims->w + fx) * C + c]
                               * x[fy * params->dilation.h * Wp + fx * params->dilation.w];
                    }
                }
                out[q * C + c] = tf_mve_requant_one(&rq, c, acc);
            }
        }
    }
#endif
}
