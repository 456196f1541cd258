/* Depthwise convolution of one input channel with any depth multiplier (a first layer: every output channel a
 * multiplier of the one input channel) for cores with the ARMv7E-M DSP extension, one output pixel at a time.
 *
 * The filter is converted once per call into an int16 table, each output channel's taps contiguous, each filter row
 * padded to an even width kwe with 0 weights. Per output pixel its taps once as int16 x + input_offset (0 in the
 * padding, whose taps TFLM skips, and in the pad column): pixels whose window lies inside the image (with the pad
 * column) take each filter row from word loads of 4 inputs, SXTAB16 and PKHBT/PKHTB into pairs of adjacent taps;
 * others tap by tap with bounds. Then per output channel SMLAD over the pairs (the 3x3 pixel's 6 pair words stay in
 * registers) and requantization through tf_dw_ring_quick_out where the channel's constants allow it.
 * Order: output pixels in order, each read whole (its window) before its outputs are written (the overlapped
 * depthwise of the planner relies on it; a read of the pad column lands on the window of a later pixel of the row,
 * or on bytes multiplied by a 0 weight).
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_ONE_CHANNEL_DSP_H
#define TF_DW_ONE_CHANNEL_DSP_H

#include "tf_dw_pair_dsp.h"

/* Largest padded filter (taps) and weight table (int16 entries) of the one-channel form; output channels with quick
 * requantization constants. */
#define TF_DW_ONE_MAX_TAPS 128
#define TF_DW_ONE_TABLE 1024
#define TF_DW_ONE_QUICK_MAX 64

/* Whether the one-channel form covers this layer (in_c == 1, batch 1, the padded filter and table fit). */
static inline int tf_dw_one_channel_fits(const tf_dims *in_dims, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    const int32_t taps = filter_dims->h * ((filter_dims->w + 1) & ~1);
    return in_dims->c == 1 && in_dims->n == 1 && taps <= TF_DW_ONE_MAX_TAPS && taps * out_dims->c <= TF_DW_ONE_TABLE;
}

/* Output channels of one pixel: taps cw[0 .. words - 1] (int16 pairs), channel oc's weights at table + oc * words;
 * words and quick constants after inlining. */
static inline __attribute__((always_inline)) void tf_dw_one_outs(const int32_t *cw, const int32_t words,
                                                                 const int32_t *table, const int32_t *bias,
                                                                 const int32_t quick, const int32_t *q,
                                                                 const tf_dw_conv_params *params,
                                                                 const tf_per_channel_quant *quant, int32_t out_c,
                                                                 int8_t *y)
{
    int32_t oc, j;
    const int32_t *w = table;
    int32_t xr[8];
    if (words <= 8) { /* a constant: the taps stay in registers (the int8 stores below may alias cw) */
        for (j = 0; j < words; ++j) {
            xr[j] = cw[j];
        }
    }
    for (oc = 0; oc < out_c; ++oc) {
        const int32_t *x = cw;
        int32_t acc = bias != NULL ? bias[oc] : 0;
        if (words <= 8) {
#pragma GCC unroll 8
            for (j = 0; j < words; ++j) {
                acc = __smlad(xr[j], w[j], acc);
            }
            w += words;
        } else {
            /* two pair words of taps and of weights per step, one LDRD each (post-incremented) */
#pragma GCC unroll 4
            for (j = 0; j + 2 <= words; j += 2) {
                int32_t x0, x1, w0, w1;
                __asm__("ldrd %[x0], %[x1], [%[xp]], #8\n\t"
                        "ldrd %[w0], %[w1], [%[wp]], #8\n\t"
                        "smlad %[acc], %[x0], %[w0], %[acc]\n\t"
                        "smlad %[acc], %[x1], %[w1], %[acc]"
                        : [acc] "+r"(acc), [xp] "+r"(x), [wp] "+r"(w), [x0] "=r"(x0), [x1] "=r"(x1), [w0] "=r"(w0),
                          [w1] "=r"(w1)
                        :
                        : "memory");
            }
            if (j < words) {
                acc = __smlad(*x, *w++, acc);
            }
        }
        y[oc] = quick ? tf_dw_ring_quick_out(acc, q + 3 * oc)
                      : tf_requant_s8(acc, quant->multiplier[oc], quant->shift[oc], params->output_offset,
                                      params->activation.min, params->activation.max);
    }
}

/* One filter row of an inside window: kwe taps from p (kwe + 0 .. 3 bytes readable) into int16 pairs at cw. */
static inline __attribute__((always_inline)) void tf_dw_one_row_inside(const int8_t *p, int32_t kwe, int32_t off2,
                                                                       int32_t off, int32_t *cw)
{
    int32_t j = 0;
    for (; j + 4 <= kwe; j += 4, p += 4, cw += 2) {
        int32_t v;
        memcpy(&v, p, 4);
        {
            const int32_t e = __sxtab16(off2, v), o = tf_dw_group_sxtab16_ror8(off2, v);
            cw[0] = tf_dw_pkh_lo(e, o); /* (x0, x1) */
            cw[1] = tf_dw_pkh_hi(e, o); /* (x2, x3) */
        }
    }
    if (j < kwe) {
        cw[0] = tf_dw_pack16(p[0] + off, p[1] + off);
    }
}

/* The layer with the filter's height f_h and padded width kwe constants after inlining where the caller passes
 * constants. */
static inline __attribute__((always_inline)) void tf_dw_one_channel_k(
    const tf_dw_conv_params *params, const tf_per_channel_quant *quant, const tf_dims *in_dims, const int8_t *in,
    const int32_t f_h, const int32_t f_w, const int32_t kwe, const int8_t *filter, const int32_t *bias,
    const tf_dims *out_dims, int8_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w;
    const int32_t out_h = out_dims->h, out_w = out_dims->w, out_c = out_dims->c;
    const int32_t taps = f_h * kwe, words = taps / 2;
    const int32_t off = params->input_offset, dh = params->dilation.h, dw = params->dilation.w;
    const int32_t off2 = (int32_t)(((uint32_t)off << 16) | ((uint32_t)off & 0xFFFFu));
    const int32_t act_full = params->activation.min == -128 && params->activation.max == 127;
    int32_t table_words[TF_DW_ONE_TABLE / 2]; /* word-aligned int16 */
    int32_t col_words[TF_DW_ONE_MAX_TAPS / 2];
    int32_t q[3 * TF_DW_ONE_QUICK_MAX];
    int16_t *table = (int16_t *)table_words, *col = (int16_t *)col_words;
    int32_t quick = act_full && out_c <= TF_DW_ONE_QUICK_MAX;
    int32_t oy, ox, fy, fx, oc;
    for (oc = 0; oc < out_c; ++oc) {
        for (fy = 0; fy < f_h; ++fy) {
            for (fx = 0; fx < kwe; ++fx) {
                table[oc * taps + fy * kwe + fx] = (int16_t)(fx < f_w ? filter[(fy * f_w + fx) * out_c + oc] : 0);
            }
        }
        if (quick) {
            quick = tf_dw_quick_of(q + 3 * oc, quant->multiplier[oc], quant->shift[oc], params->output_offset);
        }
    }
    for (oy = 0; oy < out_h; ++oy) {
        const int32_t iy0 = oy * params->stride.h - params->padding.top;
        for (ox = 0; ox < out_w; ++ox) {
            const int32_t ix0 = ox * params->stride.w - params->padding.left;
            int8_t *y = out + (oy * out_w + ox) * out_c;
            if (dh == 1 && dw == 1 && iy0 >= 0 && iy0 + f_h <= in_h && ix0 >= 0 && ix0 + kwe <= in_w) {
                const int8_t *p = in + iy0 * in_w + ix0;
                for (fy = 0; fy < f_h; ++fy, p += in_w) {
                    tf_dw_one_row_inside(p, kwe, off2, off, col_words + fy * (kwe / 2));
                }
            } else {
                for (fy = 0; fy < f_h; ++fy) {
                    const int32_t iy = iy0 + dh * fy;
                    for (fx = 0; fx < kwe; ++fx) {
                        const int32_t ix = ix0 + dw * fx;
                        col[fy * kwe + fx] = (int16_t)(fx < f_w && iy >= 0 && iy < in_h && ix >= 0 && ix < in_w
                                                           ? in[iy * in_w + ix] + off
                                                           : 0);
                    }
                }
            }
            if (quick) {
                tf_dw_one_outs(col_words, words, table_words, bias, 1, q, params, quant, out_c, y);
            } else {
                tf_dw_one_outs(col_words, words, table_words, bias, 0, q, params, quant, out_c, y);
            }
        }
    }
}

static void tf_dw_one_channel_s8(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                 const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                                 const int8_t *filter, const int32_t *bias, const tf_dims *out_dims, int8_t *out)
{
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    if (f_h == 3 && f_w == 3) { /* a 3x3 first layer (person_detect's) */
        tf_dw_one_channel_k(params, quant, in_dims, in, 3, 3, 4, filter, bias, out_dims, out);
    } else {
        tf_dw_one_channel_k(params, quant, in_dims, in, f_h, f_w, (f_w + 1) & ~1, filter, bias, out_dims, out);
    }
}

#endif
