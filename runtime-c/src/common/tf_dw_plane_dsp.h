/* One channel plane of a KxK (K 3, 5 or 7), depth-multiplier-1, dilation-1 int8 depthwise convolution
 * for cores with the ARMv7E-M DSP extension. Interior pixels use sum w*(x + off) = sum w*x + off*sum w
 * (exact: int32 addition wraps the same in any order) with SMLAD on int16 pairs of taps, border pixels
 * the plain loop over the taps inside the image. Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_PLANE_DSP_H
#define TF_DW_PLANE_DSP_H

#include <stdint.h>
#include <string.h>
#include <arm_acle.h>
#include "tf_types.h"
#include "tf_quant.h"

/* Two int16 halves: lo in bits 0-15, hi in bits 16-31 (PKHBT). */
static inline int32_t tf_dw_pack16(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

#define TF_DW_MAX_K 7

/* Requantization of one plane's outputs: tf_requant_s8, through tf_mbqm_rshift (one SMLAL) for a right shift. */
typedef struct {
    tf_rshift_quant q;
    int32_t shift, out_off, act_min, act_max;
} tf_dw_requant;

static inline tf_dw_requant tf_dw_requant_of(const tf_dw_conv_params *params, int32_t multiplier, int32_t shift)
{
    tf_dw_requant r;
    r.q = tf_rshift_quant_of(multiplier, shift <= -1 ? shift : -1);
    r.q.multiplier = multiplier;
    r.shift = shift;
    r.out_off = params->output_offset;
    r.act_min = params->activation.min;
    r.act_max = params->activation.max;
    return r;
}

static inline __attribute__((always_inline)) int8_t tf_dw_out_s8(const tf_dw_requant *r, int32_t acc)
{
    const int32_t v = r->shift <= -1 ? tf_mbqm_rshift(acc, &r->q) : tf_mbqm(acc, r->q.multiplier, r->shift);
    return tf_sat_s8(v + r->out_off, r->act_min, r->act_max);
}

/* Accumulator of one output pixel near the border: only the taps inside the image, plain C. */
static inline int32_t tf_dw_border_acc(int32_t k, const int32_t *taps, const int8_t *in, int32_t row, int32_t in_c,
                                       int32_t in_h, int32_t in_w, int32_t iy0, int32_t ix0, int32_t off, int32_t acc)
{
    int32_t fy, fx;
    for (fy = 0; fy < k; ++fy) {
        const int32_t iy = iy0 + fy;
        if (iy < 0 || iy >= in_h) {
            continue;
        }
        for (fx = 0; fx < k; ++fx) {
            const int32_t ix = ix0 + fx;
            if (ix < 0 || ix >= in_w) {
                continue;
            }
            acc += taps[fy * k + fx] * ((int32_t)in[iy * row + ix * in_c] + off);
        }
    }
    return acc;
}

/* Output plane of input channel ic (== output channel ic): dst[(oy*out_w + ox) * dst_stride]. in points
 * at the image (batch 0), in_c is its channel stride, w at the filter's k*k taps of this channel with
 * stride w_stride (the filter is 1xkxkxC). k is 3, 5 or 7 (a constant after inlining). Interior pixels
 * (all taps inside) use sum w*(x + off) = sum w*x + off*sum w: per filter row, pairs of taps through
 * SMLAD and the last one through MLA. */
static inline __attribute__((always_inline)) void tf_dw_plane_k_s8(
    const tf_dw_conv_params *params, const int32_t k, int32_t multiplier, int32_t shift, int32_t bias,
    const tf_dims *in_dims, const int8_t *in, int32_t ic, const int8_t *w, int32_t w_stride,
    const tf_dims *out_dims, int8_t *dst, int32_t dst_stride)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    const int32_t off = params->input_offset, row = in_w * in_c;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    const int32_t pad_t = params->padding.top, pad_l = params->padding.left;
    const tf_dw_requant rq = tf_dw_requant_of(params, multiplier, shift);
    const int32_t half = k / 2;
    const int8_t *chan = in + ic;
    int32_t taps[TF_DW_MAX_K * TF_DW_MAX_K];
    int32_t packed[TF_DW_MAX_K * (TF_DW_MAX_K / 2 + 1)]; /* per row: k/2 pairs, then the last tap */
    int32_t wsum = 0, oy, ox, t, fy, fx, n = 0, base, ox_lo, ox_hi;
    for (t = 0; t < k * k; ++t) {
        taps[t] = w[t * w_stride];
        wsum += taps[t];
    }
    for (fy = 0; fy < k; ++fy) {
        for (fx = 0; fx + 1 < k; fx += 2) {
            packed[n++] = tf_dw_pack16(taps[fy * k + fx], taps[fy * k + fx + 1]);
        }
        packed[n++] = taps[fy * k + k - 1];
    }
    base = bias + off * wsum;
    /* Interior columns: ox*sw - pad_l >= 0 and ox*sw - pad_l + k - 1 < in_w. */
    ox_lo = (pad_l + sw - 1) / sw;
    ox_hi = in_w - k + pad_l >= 0 ? (in_w - k + pad_l) / sw + 1 : 0;
    if (ox_hi > out_w) {
        ox_hi = out_w;
    }
    if (ox_lo > ox_hi) {
        ox_lo = ox_hi;
    }
    for (oy = 0; oy < out_h; ++oy) {
        const int32_t iy0 = oy * sh - pad_t;
        const int32_t inside = iy0 >= 0 && iy0 + k - 1 < in_h;
        const int32_t lo = inside ? ox_lo : out_w, hi = inside ? ox_hi : out_w;
        int8_t *o = dst + oy * out_w * dst_stride;
        for (ox = 0; ox < lo; ++ox) {
            const int32_t acc = tf_dw_border_acc(k, taps, chan, row, in_c, in_h, in_w, iy0, ox * sw - pad_l, off, bias);
            o[ox * dst_stride] = tf_dw_out_s8(&rq, acc);
        }
        if (lo < hi) {
            const int8_t *px = chan + iy0 * row + (lo * sw - pad_l) * in_c;
            int8_t *op = o + lo * dst_stride;
            for (ox = lo; ox < hi; ++ox, px += sw * in_c, op += dst_stride) {
                const int8_t *p = px;
                const int32_t *kp = packed;
                int32_t acc = base;
                /* k is a constant here: unrolled, the packed taps stay in registers or immediate offsets. */
#pragma GCC unroll 7
                for (fy = 0; fy < k; ++fy, p += row) {
                    const int8_t *q = p;
#pragma GCC unroll 3
                    for (fx = 0; fx < half; ++fx, q += 2 * in_c) {
                        acc = __smlad(tf_dw_pack16(q[0], q[in_c]), *kp++, acc);
                    }
                    acc += *kp++ * q[0];
                }
                *op = tf_dw_out_s8(&rq, acc);
            }
        }
        for (ox = hi > lo ? hi : lo; ox < out_w; ++ox) {
            const int32_t acc = tf_dw_border_acc(k, taps, chan, row, in_c, in_h, in_w, iy0, ox * sw - pad_l, off, bias);
            o[ox * dst_stride] = tf_dw_out_s8(&rq, acc);
        }
    }
}

/* Longest row (in int16) of the row form below: (out_w - 1) * stride + k + 1 columns. */
#define TF_DW_MAX_ROW 240 /* even; the ring of rows below stays under 3.4 KB of stack */

/* Input row iy of channel ic as int16 x + off over columns ix = -pad_l .. -pad_l + n - 1, 0 outside the
 * image (TFLM skips taps in the padding: w * 0 adds the same nothing). */
static inline void tf_dw_fill_row(int16_t *dst, int32_t n, const int8_t *chan, int32_t iy, int32_t in_h, int32_t in_w,
                                  int32_t in_c, int32_t pad_l, int32_t off)
{
    int32_t c = 0, end;
    if (iy < 0 || iy >= in_h) {
        memset(dst, 0, (size_t)n * sizeof(int16_t));
        return;
    }
    end = pad_l < n ? pad_l : n;
    for (; c < end; ++c) {
        dst[c] = 0;
    }
    end = pad_l + in_w < n ? pad_l + in_w : n;
    {
        const int8_t *src = chan + (iy * in_w + (c - pad_l)) * in_c;
        for (; c < end; ++c, src += in_c) {
            dst[c] = (int16_t)(*src + off);
        }
    }
    for (; c < n; ++c) {
        dst[c] = 0;
    }
}

/* The plane of tf_dw_plane_k_s8 through padded int16 rows: the k input rows an output row needs are kept in a
 * ring of k rows (each input row converted once), so every output pixel, border or not, is the same
 * (k + 1) / 2 SMLADs per filter row over word loads of int16 pairs (the odd last tap paired with a 0
 * weight), two output pixels per iteration. Needs (out_w - 1) * stride_w + k + 1 <= TF_DW_MAX_ROW and shift <= -1
 * (requantization by tf_mbqm_rshift). */
static inline __attribute__((always_inline)) void tf_dw_plane_rows_k_s8(
    const tf_dw_conv_params *params, const int32_t k, int32_t multiplier, int32_t shift, int32_t bias,
    const tf_dims *in_dims, const int8_t *in, int32_t ic, const int8_t *w, int32_t w_stride,
    const tf_dims *out_dims, int8_t *dst, int32_t dst_stride)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    const int32_t sh = params->stride.h, sw = params->stride.w;
    const int32_t pad_t = params->padding.top, pad_l = params->padding.left, off = params->input_offset;
    const int32_t pairs = (k + 1) / 2, n = (out_w - 1) * sw + k + 1;
    const tf_rshift_quant q = tf_rshift_quant_of(multiplier, shift);
    const int32_t out_off = params->output_offset, act_min = params->activation.min, act_max = params->activation.max;
    int32_t ring_words[TF_DW_MAX_K * (TF_DW_MAX_ROW / 2)]; /* word-aligned int16 rows */
    int16_t *ring = (int16_t *)ring_words;
    int32_t held[TF_DW_MAX_K];
    int32_t wp[TF_DW_MAX_K * (TF_DW_MAX_K / 2 + 1)];
    int32_t w01[3], w12[3], w20[3]; /* 3x3: each filter row's weights as (w0, w1), (w1, w2), (w2, w0) */
    int32_t oy, ox, fy, j;
    for (fy = 0; fy < k; ++fy) {
        held[fy] = INT32_MIN;
        for (j = 0; j < pairs; ++j) {
            const int32_t lo = w[(fy * k + 2 * j) * w_stride];
            const int32_t hi = 2 * j + 1 < k ? w[(fy * k + 2 * j + 1) * w_stride] : 0;
            wp[fy * pairs + j] = tf_dw_pack16(lo, hi);
        }
        if (k == 3) {
            const int32_t t0 = w[(fy * 3) * w_stride], t1 = w[(fy * 3 + 1) * w_stride], t2 = w[(fy * 3 + 2) * w_stride];
            w01[fy] = tf_dw_pack16(t0, t1);
            w12[fy] = tf_dw_pack16(t1, t2);
            w20[fy] = tf_dw_pack16(t2, t0);
        }
    }
    for (oy = 0; oy < out_h; ++oy) {
        const int16_t *rows[TF_DW_MAX_K];
        int8_t *o = dst + oy * out_w * dst_stride;
        for (fy = 0; fy < k; ++fy) {
            const int32_t iy = oy * sh - pad_t + fy;
            const int32_t slot = (int32_t)((uint32_t)(iy + k * TF_DW_MAX_ROW) % (uint32_t)k);
            int16_t *r = ring + slot * TF_DW_MAX_ROW;
            if (held[slot] != iy) {
                tf_dw_fill_row(r, n, in + ic, iy, in_h, in_w, in_c, pad_l, off);
                held[slot] = iy;
            }
            rows[fy] = r;
        }
        ox = 0;
        if (k == 3 && (sw == 1 || sw == 2)) {
            /* 3x3, two output pixels per step from aligned words of each row (x0 even): with A = (r[x0], r[x0+1]),
             * B = (r[x0+2], r[x0+3]) and the row's weights packed as (w0, w1), (w1, w2), (w2, w0):
             *   out(x0)     = SMLAD(A, w01) + SMLABB(B, w20)
             *   stride 1: out(x0 + 1) = SMLATT(A, w20) + SMLAD(B, w12)
             *   stride 2: out(x0 + 2) = SMLAD(B, w01) + SMLABB(C, w20), C = (r[x0+4], r[x0+5]) */
            for (; ox + 2 <= out_w; ox += 2, o += 2 * dst_stride) {
                const int32_t x0 = ox * sw;
                int32_t acc0 = bias, acc1 = bias;
#pragma GCC unroll 3
                for (fy = 0; fy < 3; ++fy) {
                    const int32_t *p = (const int32_t *)(const void *)(rows[fy] + x0);
                    const int32_t a = p[0], b = p[1];
                    acc0 = __smlad(a, w01[fy], acc0);
                    acc0 = __smlabb(b, w20[fy], acc0);
                    if (sw == 1) {
                        acc1 = __smlatt(a, w20[fy], acc1);
                        acc1 = __smlad(b, w12[fy], acc1);
                    } else {
                        acc1 = __smlad(b, w01[fy], acc1);
                        acc1 = __smlabb(p[2], w20[fy], acc1);
                    }
                }
                o[0] = tf_sat_s8(tf_mbqm_rshift(acc0, &q) + out_off, act_min, act_max);
                o[dst_stride] = tf_sat_s8(tf_mbqm_rshift(acc1, &q) + out_off, act_min, act_max);
            }
        }
        /* two output pixels per iteration (weights loaded once for both), then an odd last one */
        for (; ox + 2 <= out_w; ox += 2, o += 2 * dst_stride) {
            const int32_t x0 = ox * sw;
            int32_t acc0 = bias, acc1 = bias;
#pragma GCC unroll 7
            for (fy = 0; fy < k; ++fy) {
                const int16_t *r = rows[fy] + x0;
#pragma GCC unroll 4
                for (j = 0; j < pairs; ++j) {
                    int32_t v0, v1;
                    const int32_t wv = wp[fy * pairs + j];
                    memcpy(&v0, r + 2 * j, 4);
                    memcpy(&v1, r + 2 * j + sw, 4);
                    acc0 = __smlad(v0, wv, acc0);
                    acc1 = __smlad(v1, wv, acc1);
                }
            }
            o[0] = tf_sat_s8(tf_mbqm_rshift(acc0, &q) + out_off, act_min, act_max);
            o[dst_stride] = tf_sat_s8(tf_mbqm_rshift(acc1, &q) + out_off, act_min, act_max);
        }
        if (ox < out_w) {
            const int32_t x0 = ox * sw;
            int32_t acc = bias;
            for (fy = 0; fy < k; ++fy) {
                const int16_t *r = rows[fy] + x0;
                for (j = 0; j < pairs; ++j) {
                    int32_t v;
                    memcpy(&v, r + 2 * j, 4);
                    acc = __smlad(v, wp[fy * pairs + j], acc);
                }
            }
            *o = tf_sat_s8(tf_mbqm_rshift(acc, &q) + out_off, act_min, act_max);
        }
    }
}

/* The plane of channel ic with the filter size (3, 5 or 7, checked by the caller) as a constant. */
static inline void tf_dw_plane_s8(const tf_dw_conv_params *params, int32_t k, const tf_per_channel_quant *quant,
                                  const int32_t *bias, const tf_dims *in_dims, const int8_t *in, int32_t ic,
                                  const int8_t *filter, const tf_dims *out_dims, int8_t *dst, int32_t dst_stride)
{
    const int32_t c = in_dims->c, b = bias != NULL ? bias[ic] : 0;
    if ((out_dims->w - 1) * params->stride.w + k + 1 <= TF_DW_MAX_ROW && quant->shift[ic] <= -1) {
        if (k == 3) {
            tf_dw_plane_rows_k_s8(params, 3, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                                  out_dims, dst, dst_stride);
        } else if (k == 5) {
            tf_dw_plane_rows_k_s8(params, 5, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                                  out_dims, dst, dst_stride);
        } else {
            tf_dw_plane_rows_k_s8(params, 7, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                                  out_dims, dst, dst_stride);
        }
        return;
    }
    if (k == 3) {
        tf_dw_plane_k_s8(params, 3, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                         out_dims, dst, dst_stride);
    } else if (k == 5) {
        tf_dw_plane_k_s8(params, 5, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                         out_dims, dst, dst_stride);
    } else {
        tf_dw_plane_k_s8(params, 7, quant->multiplier[ic], quant->shift[ic], b, in_dims, in, ic, filter + ic, c,
                         out_dims, dst, dst_stride);
    }
}

/* Whether tf_dw_plane_s8 covers this layer. */
static inline int tf_dw_plane_fits(const tf_dw_conv_params *params, const tf_dims *in_dims, const tf_dims *filter_dims)
{
    const int32_t k = filter_dims->h;
    return params->depth_multiplier == 1 && filter_dims->w == k && (k == 3 || k == 5 || k == 7)
        && params->dilation.h == 1 && params->dilation.w == 1 && in_dims->n == 1;
}

#endif
