/* KxK depthwise convolution (K 3, 5 or 7, depth multiplier 1, dilation 1, stride 1 or 2) of one group of 4
 * channels through a ring of padded input rows stored as int16 pairs of horizontally adjacent columns, for cores
 * with the ARMv7E-M DSP extension; the pair form of tf_dw_ring_dsp.h (same ring of rows, same reads and writes, in
 * the same order).
 *
 * Ring row layout: per even column c (ix = c - pad_l), 4 words P_j[c] = (x_j[c], x_j[c + 1]) as int16 x + input_offset
 * (0 in the padding), channels j = 0..3. Two output pixels per step share the loads. With m = (K - 1) / 2 and a filter
 * row's weights w_0 .. w_{K-1} of one channel:
 *   stride 1, pixels c and c + 1, A_i = (w_2i, w_2i+1), B_i = (w_2i-1, w_2i), Z = (w_K-1, w_0):
 *     out(c)     = sum_{i<m} SMLAD(P[c + 2i], A_i) + SMLABB(P[c + 2m], Z)
 *     out(c + 1) = SMLATT(P[c], Z) + sum_{1<=i<=m} SMLAD(P[c + 2i], B_i)
 *   stride 2, pixels c and c + 2, W_i = A_i (i < m), W_m = (w_K-1, 0):
 *     out(c)     = sum_{i<=m} SMLAD(P[c + 2i], W_i),   out(c + 2) = sum_{i<=m} SMLAD(P[c + 2 + 2i], W_i)
 * Channels go two at a time (0, 1 then 2, 3), a filter row of both channels and both pixels in one asm block (per
 * input pair word one LDRD for the two channels, per weight pair one LDRD). Weights are packed per group into the
 * ring's spare words, in the order the blocks load them. Requantization: tf_dw_ring_quick_out (the caller checks
 * ring->use_quick).
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_PAIR_DSP_H
#define TF_DW_PAIR_DSP_H

#include "tf_dw_ring_dsp.h"

/* Columns of one ring row of the pair form: every column two output pixels at a time read, even. */
static inline int32_t tf_dw_pair_cols(const tf_dw_conv_params *params, const tf_dims *filter_dims,
                                      const tf_dims *out_dims)
{
    return ((out_dims->w - 1) * params->stride.w + filter_dims->w + 2) & ~1;
}

/* Weight words of one filter row of one channel pair: stride 1 K pairs (Z, A_0, B_1, A_1, .., B_m), stride 2 m + 1
 * (W_0 .. W_m); two words per pair (the two channels). */
static inline int32_t tf_dw_pair_row_words(int32_t k, int32_t sw)
{
    return sw == 1 ? 2 * k : k + 1;
}

/* Narrowest output row of the pair form: on narrower rows the per-row costs of the pair form (its larger fill, the
 * odd last pixel, the calls) outweigh what the pairs save (measured on mcunet-vww, kws_ref_model, person_detect). */
#define TF_DW_PAIR_MIN_W 8

/* Whether the pair form covers this layer and pays: the ring form does, a square 3x3, 5x5 or 7x7 filter, stride 1 or
 * 2, its rows and packed weights fit the ring, rows of at least TF_DW_PAIR_MIN_W pixels. */
static inline int tf_dw_pair_fits(const tf_dw_conv_params *params, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    const int32_t k = filter_dims->h, sw = params->stride.w;
    return filter_dims->w == k && (k == 3 || k == 5 || k == 7) && (sw == 1 || sw == 2) && out_dims->w >= TF_DW_PAIR_MIN_W
        && k * tf_dw_pair_cols(params, filter_dims, out_dims) * 2 + k * 2 * tf_dw_pair_row_words(k, sw)
               <= TF_DW_RING_WORDS;
}

/* Packs the group's weights (channels c0 .. c0 + 3 of the 1xKxKxC filter) for the pair form into pw: per filter row,
 * channel pair 0, 1 then 2, 3, each pair of int16 weights of the two channels side by side. */
static inline void tf_dw_pair_weights(int32_t *pw, const int8_t *filter, int32_t k, int32_t sw, int32_t c, int32_t c0)
{
    const int32_t m = (k - 1) / 2, rw = tf_dw_pair_row_words(k, sw);
    int32_t fy, j, i;
    for (fy = 0; fy < k; ++fy) {
        for (j = 0; j < 4; ++j) {
            const int8_t *t = filter + fy * k * c + c0 + j; /* tap fx at t[fx * c] */
            int32_t *d = pw + fy * 2 * rw + (j / 2) * rw + (j % 2);
            if (sw == 1) {
                d[0] = tf_dw_pack16(t[(k - 1) * c], t[0]);
                for (i = 0; i < m; ++i) {
                    d[2 * (2 * i + 1)] = tf_dw_pack16(t[2 * i * c], t[(2 * i + 1) * c]);
                }
                for (i = 1; i <= m; ++i) {
                    d[2 * (2 * i)] = tf_dw_pack16(t[(2 * i - 1) * c], t[2 * i * c]);
                }
            } else {
                for (i = 0; i < m; ++i) {
                    d[2 * i] = tf_dw_pack16(t[2 * i * c], t[(2 * i + 1) * c]);
                }
                d[2 * m] = tf_dw_pack16(t[(k - 1) * c], 0);
            }
        }
    }
}

/* E, O words (SXTAB16 of channels 0, 2 and 1, 3) of column ix of input row iy, 0 outside the image. */
static inline void tf_dw_pair_col(const tf_dw_group_ctx *g, int32_t iy, int32_t ix, int32_t *e, int32_t *o)
{
    if (ix < 0 || ix >= g->in_w) {
        *e = 0;
        *o = 0;
    } else {
        int32_t v;
        memcpy(&v, g->in + (iy * g->in_w + ix) * g->c, 4);
        *e = __sxtab16(g->off2, v);
        *o = tf_dw_group_sxtab16_ror8(g->off2, v);
    }
}

/* (lo of a, lo of b) and (hi of a, hi of b) as int16 pairs: PKHBT, PKHTB. */
static inline __attribute__((always_inline)) int32_t tf_dw_pkh_lo(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static inline __attribute__((always_inline)) int32_t tf_dw_pkh_hi(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("pkhtb %0, %2, %1, asr #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/* Input row iy (inside the image) of the group into r in the pair layout: e = (x0, x2), o = (x1, x3) of columns c
 * and c + 1 give P0 = (x0[c], x0[c+1]), P1 = (x1, x1'), P2 = (x2, x2'), P3 = (x3, x3'). */
static inline void tf_dw_pair_fill(const tf_dw_group_ctx *g, int32_t cols, int32_t *r, int32_t iy)
{
    const int32_t c = g->c, off2 = g->off2;
    /* column pairs (cc, cc + 1) with both columns inside the image: cc in [lo, hi), lo even */
    const int32_t lo = (g->pad_l + 1) & ~1;
    const int32_t hi = g->pad_l + g->in_w - 1 < cols ? g->pad_l + g->in_w - 1 : cols;
    int32_t cc = 0;
    for (; cc < cols; cc += 2, r += 4) {
        int32_t e0, o0, e1, o1;
        if (cc >= lo && cc < hi) {
            const int8_t *src = g->in + (iy * g->in_w + cc - g->pad_l) * c;
            for (; cc < hi; cc += 2, r += 4, src += 2 * c) {
                int32_t v, u;
                memcpy(&v, src, 4);
                memcpy(&u, src + c, 4);
                e0 = __sxtab16(off2, v);
                o0 = tf_dw_group_sxtab16_ror8(off2, v);
                e1 = __sxtab16(off2, u);
                o1 = tf_dw_group_sxtab16_ror8(off2, u);
                r[0] = tf_dw_pkh_lo(e0, e1);
                r[1] = tf_dw_pkh_lo(o0, o1);
                r[2] = tf_dw_pkh_hi(e0, e1);
                r[3] = tf_dw_pkh_hi(o0, o1);
            }
            if (cc >= cols) {
                break;
            }
        }
        tf_dw_pair_col(g, iy, cc - g->pad_l, &e0, &o0);
        tf_dw_pair_col(g, iy, cc + 1 - g->pad_l, &e1, &o1);
        r[0] = tf_dw_pkh_lo(e0, e1);
        r[1] = tf_dw_pkh_lo(o0, o1);
        r[2] = tf_dw_pkh_hi(e0, e1);
        r[3] = tf_dw_pkh_hi(o0, o1);
    }
}

/* Pieces of the row blocks: load the two channels' input pair word at byte offset off of xp (P of the pixel's column
 * pair + off / 16), or a weight pair at byte offset off of wp; one product into accumulators acc0, acc1. */
#define TF_DW_PX(off) "ldrd %[p0], %[p1], [%[xp], #" #off "]\n\t"
#define TF_DW_PW(off) "ldrd %[w0], %[w1], [%[wp], #" #off "]\n\t"
#define TF_DW_PZ "ldrd %[z0], %[z1], [%[wp]]\n\t"
#define TF_DW_PMAC(op, acc, w) \
    op " %[" acc "0], %[p0], %[" w "0], %[" acc "0]\n\t" op " %[" acc "1], %[p1], %[" w "1], %[" acc "1]\n\t"

/* Stride 1: Z at weight pair 0, A_i at 2i + 1, B_i at 2i; a pixel c, b pixel c + 1. */
#define TF_DW_S1_HEAD TF_DW_PX(0) TF_DW_PZ TF_DW_PMAC("smlatt", "b", "z") TF_DW_PW(8) TF_DW_PMAC("smlad", "a", "w")
#define TF_DW_S1_MID(xo, bo, ao) \
    TF_DW_PX(xo) TF_DW_PW(bo) TF_DW_PMAC("smlad", "b", "w") TF_DW_PW(ao) TF_DW_PMAC("smlad", "a", "w")
#define TF_DW_S1_TAIL(xo, bo) TF_DW_PX(xo) TF_DW_PW(bo) TF_DW_PMAC("smlad", "b", "w") TF_DW_PMAC("smlabb", "a", "z")
#define TF_DW_S1_3 TF_DW_S1_HEAD TF_DW_S1_TAIL(16, 16)
#define TF_DW_S1_5 TF_DW_S1_HEAD TF_DW_S1_MID(16, 16, 24) TF_DW_S1_TAIL(32, 32)
#define TF_DW_S1_7 TF_DW_S1_HEAD TF_DW_S1_MID(16, 16, 24) TF_DW_S1_MID(32, 32, 40) TF_DW_S1_TAIL(48, 48)

/* Stride 2: W_i at weight pair i; a pixel c, b pixel c + 2 (one input pair word on). */
#define TF_DW_S2_STEP(xo, wo) TF_DW_PX(xo) TF_DW_PMAC("smlad", "b", "w") TF_DW_PW(wo) TF_DW_PMAC("smlad", "a", "w")
#define TF_DW_S2_3 TF_DW_PX(0) TF_DW_PW(0) TF_DW_PMAC("smlad", "a", "w") TF_DW_S2_STEP(16, 8) \
    TF_DW_PX(32) TF_DW_PMAC("smlad", "b", "w")
#define TF_DW_S2_5 TF_DW_PX(0) TF_DW_PW(0) TF_DW_PMAC("smlad", "a", "w") TF_DW_S2_STEP(16, 8) TF_DW_S2_STEP(32, 16) \
    TF_DW_PX(48) TF_DW_PMAC("smlad", "b", "w")
#define TF_DW_S2_7 TF_DW_PX(0) TF_DW_PW(0) TF_DW_PMAC("smlad", "a", "w") TF_DW_S2_STEP(16, 8) TF_DW_S2_STEP(32, 16) \
    TF_DW_S2_STEP(48, 24) TF_DW_PX(64) TF_DW_PMAC("smlad", "b", "w")

/* The odd last pixel of a row alone (out(c) of the pair formulas, accumulators a only). */
#define TF_DW_S1_ODD_STEP(xo, ao) TF_DW_PX(xo) TF_DW_PW(ao) TF_DW_PMAC("smlad", "a", "w")
#define TF_DW_S1_ODD_TAIL(xo) TF_DW_PX(xo) TF_DW_PZ TF_DW_PMAC("smlabb", "a", "z")
#define TF_DW_S1_ODD_3 TF_DW_S1_ODD_STEP(0, 8) TF_DW_S1_ODD_TAIL(16)
#define TF_DW_S1_ODD_5 TF_DW_S1_ODD_STEP(0, 8) TF_DW_S1_ODD_STEP(16, 24) TF_DW_S1_ODD_TAIL(32)
#define TF_DW_S1_ODD_7 TF_DW_S1_ODD_STEP(0, 8) TF_DW_S1_ODD_STEP(16, 24) TF_DW_S1_ODD_STEP(32, 40) TF_DW_S1_ODD_TAIL(48)
#define TF_DW_S2_ODD_3 TF_DW_S1_ODD_STEP(0, 0) TF_DW_S1_ODD_STEP(16, 8)
#define TF_DW_S2_ODD_5 TF_DW_S1_ODD_STEP(0, 0) TF_DW_S1_ODD_STEP(16, 8) TF_DW_S1_ODD_STEP(32, 16)
#define TF_DW_S2_ODD_7 TF_DW_S1_ODD_STEP(0, 0) TF_DW_S1_ODD_STEP(16, 8) TF_DW_S1_ODD_STEP(32, 16) TF_DW_S1_ODD_STEP(48, 24)

#define TF_DW_PAIR_ASM_S1(text)                                                                                   \
    do {                                                                                                          \
        int32_t p0_, p1_, w0_, w1_, z0_, z1_;                                                                     \
        __asm__(text                                                                                              \
                : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [p0] "=&r"(p0_), [p1] "=&r"(p1_),    \
                  [w0] "=&r"(w0_), [w1] "=&r"(w1_), [z0] "=&r"(z0_), [z1] "=&r"(z1_)                             \
                : [xp] "r"(x), [wp] "r"(w)                                                                        \
                : "memory");                                                                                      \
    } while (0)

#define TF_DW_PAIR_ASM_S2(text)                                                                                   \
    do {                                                                                                          \
        int32_t p0_, p1_, w0_, w1_;                                                                               \
        __asm__(text                                                                                              \
                : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [p0] "=&r"(p0_), [p1] "=&r"(p1_),    \
                  [w0] "=&r"(w0_), [w1] "=&r"(w1_)                                                               \
                : [xp] "r"(x), [wp] "r"(w)                                                                        \
                : "memory");                                                                                      \
    } while (0)

#endif
