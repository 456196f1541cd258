/* CONV_2D int8 (per-channel) with a 1x1 filter, no top/left padding and no groups, for cores with the
 * ARMv7E-M DSP extension: a matrix multiply over tiles of 4 pixels, blocked 2 pixels x 2 output channels
 * (int16 input columns, SXTB16 + SMLAD, see common/tf_dsp_s8.h), accumulators starting at the bias,
 * requantization with one SMLAL per output when every shift is in [-24, -1] (tf_mbqm_rshift, output offset
 * folded in) and a bytewise clamp of two outputs at once; otherwise tiles of 2 pixels with tf_mbqm. Any
 * stride. Same results as tf_conv_s8_nhwc, which it falls back to elsewhere.
 * Order: pixel order, blocks of at most 4 output pixels in increasing row-major order; a block's inputs
 * are all read (into stack columns) before any of its outputs is written. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

static inline __attribute__((always_inline)) void all_pixels(const tf_dsp_requant *r, const tf_conv_params *params,
                                                             const tf_dims *in_dims, const int8_t *in,
                                                             const int8_t *filter, const tf_dims *out_dims, int8_t *out,
                                                             const int fast)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t pixels_out = out_dims->n * out_h * out_w;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    const int dense = sh == 1 && sw == 1;
    int32_t p;
    for (p = 0; p < pixels_out; p += 2) {
        const int8_t *x[2];
        int32_t k;
        for (k = 0; k < 2; ++k) {
            const int32_t q = p + k < pixels_out ? p + k : p;
            if (dense) {
                x[k] = in + q * in_c;
            } else {
                const int32_t ox = q % out_w, oy = (q / out_w) % out_h, b = q / (out_w * out_h);
                x[k] = in + ((b * in_h + oy * sh) * in_w + ox * sw) * in_c;
            }
        }
        tf_dsp_conv1x1_pair(r, in_c, out_c, filter, x[0], x[1], out + p * out_c,
                   out + (p + 1 < pixels_out ? p + 1 : p) * out_c, fast);
    }
}

/* Fast requantization, in_c <= TF_DSP_TILE_MAX_C: tiles of 4 pixels (tf_dsp_conv1x1_tile_fast). */
static void all_tiles(const tf_dsp_requant *r, const tf_conv_params *params, const tf_dims *in_dims, const int8_t *in,
                      const int8_t *filter, const tf_dims *out_dims, int8_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t pixels_out = out_dims->n * out_h * out_w;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    int32_t cols[2 * TF_DSP_TILE_MAX_C];
    int32_t p, k;
    for (p = 0; p < pixels_out; p += 4) {
        const int8_t *x[4];
        int8_t *y[4];
        const int32_t npx = pixels_out - p < 4 ? pixels_out - p : 4;
        for (k = 0; k < 4; ++k) {
            const int32_t q = p + (k < npx ? k : npx - 1);
            const int32_t ox = q % out_w, oy = (q / out_w) % out_h, b = q / (out_w * out_h);
            x[k] = in + ((b * in_h + oy * sh) * in_w + ox * sw) * in_c;
            y[k] = out + q * out_c;
        }
        tf_dsp_conv1x1_tile_fast(r, in_c, out_c, filter, x, y, npx, cols);
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
    const tf_dsp_requant r = tf_dsp_requant_of(params, quant, bias, out_dims->c);
    (void)filter_dims;
    if (r.fast && in_dims->c <= TF_DSP_TILE_MAX_C) {
        all_tiles(&r, params, in_dims, in, filter, out_dims, out);
    } else if (r.fast) {
        all_pixels(&r, params, in_dims, in, filter, out_dims, out, 1);
    } else {
        all_pixels(&r, params, in_dims, in, filter, out_dims, out, 0);
    }
#else
    tf_conv_s8_nhwc(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
#endif
}
