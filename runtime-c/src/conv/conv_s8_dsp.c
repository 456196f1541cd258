/* CONV_2D int8 (per-channel), any filter size, stride, dilation and padding, no groups, for cores with
 * the ARMv7E-M DSP extension: each pair of output pixels is unrolled (im2col) into two int16 columns on
 * the stack, x + input_offset with 0 where a tap falls in the padding (TFLM skips those taps: w * 0
 * adds nothing), then 2 pixels x 2 output channels per inner loop with SMLAD. Within each group of 4 the
 * columns hold taps in the order 0, 2, 1, 3, matching SXTB16 of the weights (bytes 0, 2 and bytes 1, 3),
 * so the OHWI weights are used as stored. When every shift is in [-24, -1] (the usual case): tiles of 4 pixels
 * (2 above TF_CONV_DSP_TILE4_TAPS taps, up to TF_CONV_DSP_TILE2_TAPS) gathered as bytes and run through the 1x1
 * tile kernel (common/tf_dsp_s8.h: one SMLAL per output, bytewise clamp).
 * Order: pixel order, blocks of at most 4 pixels (a block's inputs gathered before any of its outputs).
 * Filters with more taps than the forms allow
 * (f_h * f_w * f_c), grouped convolutions and cores without DSP go to tf_conv_s8_nhwc. Same results. */
#include "tf_kernels.h"
#include "tf_quant.h"

#define TF_CONV_DSP_MAX_COLUMN 512
/* Most taps of the tile forms: 4 pixels at a time up to TF_CONV_DSP_TILE4_TAPS, 2 up to TF_CONV_DSP_TILE2_TAPS
 * (stack: their bytes, 2 * TILE2 bytes, and int16 columns, TILE2 words). */
#define TF_CONV_DSP_TILE4_TAPS 320
#define TF_CONV_DSP_TILE2_TAPS 640

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

/* Column of output pixel (oy, ox) of image b: int16 x + off per tap, 0 in the padding, in SXTB16 order. */
static void fill_column(const tf_conv_params *params, const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                        int32_t b, int32_t oy, int32_t ox, int16_t *col)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t iy0 = oy * params->stride.h - params->padding.top, ix0 = ox * params->stride.w - params->padding.left;
    const int32_t k = f_h * f_w * in_c, full = k & ~3;
    int32_t fy, fx, c, i = 0;
    for (fy = 0; fy < f_h; ++fy) {
        const int32_t iy = iy0 + params->dilation.h * fy;
        for (fx = 0; fx < f_w; ++fx) {
            const int32_t ix = ix0 + params->dilation.w * fx;
            const int inside = iy >= 0 && iy < in_h && ix >= 0 && ix < in_w;
            const int8_t *px = in + ((b * in_h + iy) * in_w + ix) * in_c;
            for (c = 0; c < in_c; ++c, ++i) {
                /* position in the column: groups of 4 reordered 0, 2, 1, 3; the tail as is */
                const int32_t at = i < full ? (i & ~3) + ((i & 1) << 1) + ((i >> 1) & 1) : i;
                col[at] = (int16_t)(inside ? (int32_t)px[c] + params->input_offset : 0);
            }
        }
    }
    (void)k;
}

/* a[p][o] += column p . weights o over k taps (columns in SXTB16 order). */
static void dot_2x2(const int16_t *c0, const int16_t *c1, const int8_t *w0, const int8_t *w1, int32_t k, int32_t a[2][2])
{
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0, i = 0;
    for (; i + 4 <= k; i += 4) {
        int32_t p0e, p0o, p1e, p1o;
        const int32_t v0 = tf_dsp_load4(w0 + i), v1 = tf_dsp_load4(w1 + i);
        const int32_t v0e = __sxtb16(v0), v0o = tf_dsp_sxtb16_ror8(v0);
        const int32_t v1e = __sxtb16(v1), v1o = tf_dsp_sxtb16_ror8(v1);
        memcpy(&p0e, c0 + i, 4);
        memcpy(&p0o, c0 + i + 2, 4);
        memcpy(&p1e, c1 + i, 4);
        memcpy(&p1o, c1 + i + 2, 4);
        s00 = __smlad(p0e, v0e, s00);
        s00 = __smlad(p0o, v0o, s00);
        s01 = __smlad(p0e, v1e, s01);
        s01 = __smlad(p0o, v1o, s01);
        s10 = __smlad(p1e, v0e, s10);
        s10 = __smlad(p1o, v0o, s10);
        s11 = __smlad(p1e, v1e, s11);
        s11 = __smlad(p1o, v1o, s11);
    }
    for (; i < k; ++i) {
        s00 += (int32_t)w0[i] * c0[i];
        s01 += (int32_t)w1[i] * c0[i];
        s10 += (int32_t)w0[i] * c1[i];
        s11 += (int32_t)w1[i] * c1[i];
    }
    a[0][0] = s00;
    a[0][1] = s01;
    a[1][0] = s10;
    a[1][1] = s11;
}
/* All output pixels, two at a time (the second equal to the first for an odd last one). */
static inline __attribute__((always_inline)) void all_pixels(const tf_dsp_requant *rq, const tf_conv_params *params,
                                                             const tf_dims *in_dims, const int8_t *in,
                                                             const tf_dims *filter_dims, const int8_t *filter,
                                                             const tf_dims *out_dims, int8_t *out, int16_t *c0,
                                                             int16_t *c1, const int fast)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t per_image = out_h * out_w, pixels = out_dims->n * per_image;
    int32_t p, oc;
    for (p = 0; p < pixels; p += 2) {
        const int32_t q = p + 1 < pixels ? p + 1 : p;
        int8_t *y0 = out + p * out_c, *y1 = out + q * out_c;
        fill_column(params, in_dims, in, filter_dims, p / per_image, (p % per_image) / out_w, p % out_w, c0);
        fill_column(params, in_dims, in, filter_dims, q / per_image, (q % per_image) / out_w, q % out_w, c1);
        for (oc = 0; oc < out_c; oc += 2) {
            const int32_t has1 = oc + 1 < out_c;
            const int8_t *w0 = filter + oc * k;
            const tf_dsp_chan ch0 = tf_dsp_chan_of(rq, oc, fast), ch1 = tf_dsp_chan_of(rq, has1 ? oc + 1 : oc, fast);
            int32_t a[2][2];
            dot_2x2(c0, c1, w0, has1 ? w0 + k : w0, k, a);
            y1[oc] = tf_dsp_out_s8(rq, &ch0, a[1][0] + ch0.bias, fast);
            y0[oc] = tf_dsp_out_s8(rq, &ch0, a[0][0] + ch0.bias, fast);
            if (has1) {
                y1[oc + 1] = tf_dsp_out_s8(rq, &ch1, a[1][1] + ch1.bias, fast);
                y0[oc + 1] = tf_dsp_out_s8(rq, &ch1, a[0][1] + ch1.bias, fast);
            }
        }
    }
}

/* Taps of output pixel q as the raw int8 inputs in OHWI tap order, the input zero point (-input_offset) in the
 * padding so that x + input_offset is 0 there (TFLM skips those taps; w * 0 adds the same nothing). */
static void fill_bytes(const tf_conv_params *params, const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                       const tf_dims *out_dims, int32_t q, int8_t *dst)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t per_image = out_dims->h * out_dims->w;
    const int32_t b = q / per_image, oy = (q % per_image) / out_dims->w, ox = q % out_dims->w;
    const int32_t iy0 = oy * params->stride.h - params->padding.top, ix0 = ox * params->stride.w - params->padding.left;
    const int8_t zero_point = (int8_t)(-params->input_offset);
    int32_t fy, fx;
    for (fy = 0; fy < filter_dims->h; ++fy) {
        const int32_t iy = iy0 + params->dilation.h * fy;
        for (fx = 0; fx < filter_dims->w; ++fx, dst += in_c) {
            const int32_t ix = ix0 + params->dilation.w * fx;
            if (iy >= 0 && iy < in_h && ix >= 0 && ix < in_w) {
                const int8_t *src = in + ((b * in_h + iy) * in_w + ix) * in_c;
                if (in_c == 3) {
                    /* a first layer (RGB): inline, not a memcpy call per tap */
                    dst[0] = src[0];
                    dst[1] = src[1];
                    dst[2] = src[2];
                } else {
                    memcpy(dst, src, (size_t)in_c);
                }
            } else {
                memset(dst, zero_point, (size_t)in_c);
            }
        }
    }
}

/* Fast requantization: tiles of up to npx_max (2 or 4) pixels, their taps gathered as bytes, then the 1x1 tile
 * kernel over k = f_h * f_w * in_c "channels" (tf_dsp_conv1x1_tile_fast). */
static void all_tiles(const tf_dsp_requant *r, const tf_conv_params *params, const tf_dims *in_dims, const int8_t *in,
                      const tf_dims *filter_dims, const int8_t *filter, const tf_dims *out_dims, int8_t *out,
                      int32_t npx_max)
{
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c, out_c = out_dims->c;
    const int32_t pixels = out_dims->n * out_dims->h * out_dims->w;
    int8_t bytes[2 * TF_CONV_DSP_TILE2_TAPS];
    int32_t cols[TF_CONV_DSP_TILE2_TAPS];
    int32_t p, j;
    for (p = 0; p < pixels; p += npx_max) {
        const int32_t npx = pixels - p < npx_max ? pixels - p : npx_max;
        const int8_t *x[4];
        int8_t *y[4];
        for (j = 0; j < 4; ++j) {
            const int32_t jj = j < npx ? j : npx - 1;
            if (j < npx) {
                fill_bytes(params, in_dims, in, filter_dims, out_dims, p + j, bytes + j * k);
            }
            x[j] = bytes + jj * k;
            y[j] = out + (p + jj) * out_c;
        }
        tf_dsp_conv1x1_tile_fast(r, k, out_c, filter, x, y, npx, cols);
    }
}
#endif

void tf_conv_s8_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                    const tf_dims *in_dims, const int8_t *in,
                    const tf_dims *filter_dims, const int8_t *filter,
                    const int32_t *bias,
                    const tf_dims *out_dims, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t k = filter_dims->h * filter_dims->w * filter_dims->c;
    if (filter_dims->c == in_dims->c && k <= TF_CONV_DSP_TILE2_TAPS) {
        const tf_dsp_requant rq = tf_dsp_requant_of(params, quant, bias, out_dims->c);
        if (rq.fast) {
            all_tiles(&rq, params, in_dims, in, filter_dims, filter, out_dims, out, k <= TF_CONV_DSP_TILE4_TAPS ? 4 : 2);
            return;
        }
    }
    if (filter_dims->c == in_dims->c && k <= TF_CONV_DSP_MAX_COLUMN) {
        /* 4-byte aligned for the word loads of int16 pairs */
        const tf_dsp_requant rq = tf_dsp_requant_of(params, quant, bias, out_dims->c);
        int32_t cols[TF_CONV_DSP_MAX_COLUMN];
        int16_t *c0 = (int16_t *)cols, *c1 = c0 + TF_CONV_DSP_MAX_COLUMN;
        if (rq.fast) {
            all_pixels(&rq, params, in_dims, in, filter_dims, filter, out_dims, out, c0, c1, 1);
        } else {
            all_pixels(&rq, params, in_dims, in, filter_dims, filter, out_dims, out, c0, c1, 0);
        }
        return;
    }
#endif
    tf_conv_s8_nhwc(params, quant, in_dims, in, filter_dims, filter, bias, out_dims, out);
}
