/* 3x3 depthwise convolution (depth multiplier 1, dilation 1, stride 1 or 2) of one group of 4 channels through a
 * ring of padded input rows stored as int16 pairs of horizontally adjacent columns, for cores with the ARMv7E-M DSP
 * extension; the 3x3 form of tf_dw_ring_dsp.h (same ring of rows, same reads and writes, in the same order).
 *
 * Ring row layout: per even column c (ix = c - pad_l), 4 words P_j = (x_j[c], x_j[c + 1]) as int16 x + input_offset
 * (0 in the padding), channels j = 0..3. Two output pixels per step share the loads, with each filter row's
 * weights of channel j packed as w01 = (w0, w1), w20 = (w2, w0), w12 = (w1, w2) and A = P[c], B = P[c + 2],
 * C = P[c + 4]:
 *   out(c)               = SMLAD(A, w01) + SMLABB(B, w20)
 *   stride 1: out(c + 1) = SMLATT(A, w20) + SMLAD(B, w12)
 *   stride 2: out(c + 2) = SMLAD(B, w01) + SMLABB(C, w20)
 * Channels go two at a time (0, 1 then 2, 3): per filter row 3 LDRD of inputs and weights, 8 products.
 * Requantization: tf_dw_ring_quick_out (the caller checks ring->use_quick).
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_PAIR3_DSP_H
#define TF_DW_PAIR3_DSP_H

#include "tf_dw_ring_dsp.h"

/* Columns of one ring row of the pair form: every column two output pixels at a time read, even. */
static inline int32_t tf_dw_pair3_cols(const tf_dw_conv_params *params, const tf_dims *out_dims)
{
    return ((out_dims->w - 1) * params->stride.w + 3 + 2) & ~1;
}

/* Whether the pair form covers this layer (the ring form does, 3x3, stride 1 or 2, its rows fit the ring) and pays:
 * on rows narrower than 8 pixels the odd last pixel and the filter rows in the padding cost more than the pairs
 * save (measured), and the word layout stays. */
static inline int tf_dw_pair3_fits(const tf_dw_conv_params *params, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    return filter_dims->h == 3 && filter_dims->w == 3 && (params->stride.w == 1 || params->stride.w == 2)
        && out_dims->w >= 8
        && 3 * tf_dw_pair3_cols(params, out_dims) * 2 <= TF_DW_RING_WORDS;
}

/* Per filter row, channels 0, 1 then 2, 3: w01, w20, w12 of the two channels interleaved (one LDRD each). */
typedef struct {
    int32_t w[3 * 12];
} tf_dw_pair3_weights;

static inline void tf_dw_pair3_weights_of(tf_dw_pair3_weights *pw, const int8_t *filter, int32_t c, int32_t c0)
{
    int32_t fy, j;
    for (fy = 0; fy < 3; ++fy) {
        for (j = 0; j < 4; ++j) {
            const int32_t w0 = filter[(fy * 3) * c + c0 + j], w1 = filter[(fy * 3 + 1) * c + c0 + j];
            const int32_t w2 = filter[(fy * 3 + 2) * c + c0 + j];
            int32_t *d = pw->w + fy * 12 + (j / 2) * 6 + (j % 2);
            d[0] = (int32_t)(((uint32_t)w0 & 0xFFFFu) | ((uint32_t)w1 << 16));
            d[2] = (int32_t)(((uint32_t)w2 & 0xFFFFu) | ((uint32_t)w0 << 16));
            d[4] = (int32_t)(((uint32_t)w1 & 0xFFFFu) | ((uint32_t)w2 << 16));
        }
    }
}

/* E, O words (SXTAB16 of channels 0, 2 and 1, 3) of column ix of input row iy, 0 outside the image. */
static inline void tf_dw_pair3_col(const tf_dw_group_ctx *g, int32_t iy, int32_t ix, int32_t *e, int32_t *o)
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
static inline void tf_dw_pair3_fill(const tf_dw_group_ctx *g, int32_t cols, int32_t *r, int32_t iy)
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
        tf_dw_pair3_col(g, iy, cc - g->pad_l, &e0, &o0);
        tf_dw_pair3_col(g, iy, cc + 1 - g->pad_l, &e1, &o1);
        r[0] = tf_dw_pkh_lo(e0, e1);
        r[1] = tf_dw_pkh_lo(o0, o1);
        r[2] = tf_dw_pkh_hi(e0, e1);
        r[3] = tf_dw_pkh_hi(o0, o1);
    }
}

/* One filter row for two channels and two output pixels: x at P_j[c] of the first channel (P_{j+1} next, B 4 words
 * on, C 8 on), w at the row's w01 pair of the two channels (w20 pair 2 words on, w12 pair 4 on). a0, a1: pixel 0 of
 * the two channels, b0, b1: pixel 1. */
#define TF_DW_PAIR3_ROW_S1(x, w, a0, a1, b0, b1)                                                               \
    do {                                                                                                       \
        int32_t p0_, p1_, q0_, q1_, w0_, w1_;                                                                  \
        __asm__("ldrd %[p0], %[p1], [%[xp]]\n\t"                                                               \
                "ldrd %[w0], %[w1], [%[wp]]\n\t"                                                               \
                "ldrd %[q0], %[q1], [%[xp], #16]\n\t"                                                          \
                "smlad %[a0], %[p0], %[w0], %[a0]\n\t"                                                         \
                "smlad %[a1], %[p1], %[w1], %[a1]\n\t"                                                         \
                "ldrd %[w0], %[w1], [%[wp], #8]\n\t"                                                           \
                "smlabb %[a0], %[q0], %[w0], %[a0]\n\t"                                                        \
                "smlabb %[a1], %[q1], %[w1], %[a1]\n\t"                                                        \
                "smlatt %[b0], %[p0], %[w0], %[b0]\n\t"                                                        \
                "smlatt %[b1], %[p1], %[w1], %[b1]\n\t"                                                        \
                "ldrd %[w0], %[w1], [%[wp], #16]\n\t"                                                          \
                "smlad %[b0], %[q0], %[w0], %[b0]\n\t"                                                         \
                "smlad %[b1], %[q1], %[w1], %[b1]"                                                             \
                : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [p0] "=&r"(p0_), [p1] "=&r"(p1_), \
                  [q0] "=&r"(q0_), [q1] "=&r"(q1_), [w0] "=&r"(w0_), [w1] "=&r"(w1_)                          \
                : [xp] "r"(x), [wp] "r"(w)                                                                     \
                : "memory");                                                                                   \
    } while (0)

#define TF_DW_PAIR3_ROW_S2(x, w, a0, a1, b0, b1)                                                               \
    do {                                                                                                       \
        int32_t p0_, p1_, q0_, q1_, w0_, w1_;                                                                  \
        __asm__("ldrd %[p0], %[p1], [%[xp]]\n\t"                                                               \
                "ldrd %[w0], %[w1], [%[wp]]\n\t"                                                               \
                "ldrd %[q0], %[q1], [%[xp], #16]\n\t"                                                          \
                "smlad %[a0], %[p0], %[w0], %[a0]\n\t"                                                         \
                "smlad %[a1], %[p1], %[w1], %[a1]\n\t"                                                         \
                "smlad %[b0], %[q0], %[w0], %[b0]\n\t"                                                         \
                "smlad %[b1], %[q1], %[w1], %[b1]\n\t"                                                         \
                "ldrd %[w0], %[w1], [%[wp], #8]\n\t"                                                           \
                "ldrd %[p0], %[p1], [%[xp], #32]\n\t"                                                          \
                "smlabb %[a0], %[q0], %[w0], %[a0]\n\t"                                                        \
                "smlabb %[a1], %[q1], %[w1], %[a1]\n\t"                                                        \
                "smlabb %[b0], %[p0], %[w0], %[b0]\n\t"                                                        \
                "smlabb %[b1], %[p1], %[w1], %[b1]"                                                            \
                : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [p0] "=&r"(p0_), [p1] "=&r"(p1_), \
                  [q0] "=&r"(q0_), [q1] "=&r"(q1_), [w0] "=&r"(w0_), [w1] "=&r"(w1_)                          \
                : [xp] "r"(x), [wp] "r"(w)                                                                     \
                : "memory");                                                                                   \
    } while (0)

/* Output row pixels from ring rows rows[fy_lo .. fy_hi - 1]; sw, fy_lo, fy_hi constants after inlining where the
 * caller passes constants. */
static inline __attribute__((always_inline)) void tf_dw_pair3_row_k(const tf_dw_group_ctx *g, const tf_dw_ring *ring,
                                                                    const int32_t *pw, int32_t *const *rows,
                                                                    const int32_t sw, const int32_t fy_lo,
                                                                    const int32_t fy_hi, int8_t *y, int32_t y_stride)
{
    const int32_t out_w = g->out_w, *q = ring->quick;
    int32_t ox, o = 0, fy, h;
    /* two pixels per step: column c = ox * sw (even), its pair word at (c / 2) * 4 */
    for (ox = 0; ox + 2 <= out_w; ox += 2, o += 4 * sw, y += 2 * y_stride) {
#pragma GCC unroll 2
        for (h = 0; h < 2; ++h) {
            /* channels 2h, 2h + 1 (tf_dw_group_ctx's biases are in order 0, 2, 1, 3) */
            int32_t a0 = g->bias[h], a1 = g->bias[2 + h], b0 = a0, b1 = a1;
            const int32_t *w = pw + fy_lo * 12 + 6 * h;
#pragma GCC unroll 3
            for (fy = fy_lo; fy < fy_hi; ++fy, w += 12) {
                const int32_t *x = rows[fy] + o + 2 * h;
                if (sw == 1) {
                    TF_DW_PAIR3_ROW_S1(x, w, a0, a1, b0, b1);
                } else {
                    TF_DW_PAIR3_ROW_S2(x, w, a0, a1, b0, b1);
                }
            }
            y[2 * h] = tf_dw_ring_quick_out(a0, q + 6 * h);
            y[2 * h + 1] = tf_dw_ring_quick_out(a1, q + 6 * h + 3);
            y[y_stride + 2 * h] = tf_dw_ring_quick_out(b0, q + 6 * h);
            y[y_stride + 2 * h + 1] = tf_dw_ring_quick_out(b1, q + 6 * h + 3);
        }
    }
    if (ox < out_w) { /* the odd last pixel: out(c) alone */
        for (h = 0; h < 2; ++h) {
            int32_t acc[2];
            int32_t j;
            for (j = 0; j < 2; ++j) {
                const int32_t *w = pw + fy_lo * 12 + 6 * h + j;
                int32_t a = g->bias[2 * j + h]; /* channel 2h + j: accumulator order 0, 2, 1, 3 */
                for (fy = fy_lo; fy < fy_hi; ++fy, w += 12) {
                    const int32_t *x = rows[fy] + o + 2 * h + j;
                    a = __smlad(x[0], w[0], a);
                    a = __smlabb(x[4], w[2], a);
                }
                acc[j] = a;
            }
            y[2 * h] = tf_dw_ring_quick_out(acc[0], q + 6 * h);
            y[2 * h + 1] = tf_dw_ring_quick_out(acc[1], q + 6 * h + 3);
        }
    }
}

#define TF_DW_PAIR3_ROW_FN(name, sw, full)                                                                    \
    static void __attribute__((noinline)) name(const tf_dw_group_ctx *g, const tf_dw_ring *ring,                \
                                               const int32_t *pw, int32_t *const *rows, int32_t fy_lo,           \
                                               int32_t fy_hi, int8_t *y, int32_t y_stride)                     \
    {                                                                                                         \
        if (full) {                                                                                           \
            tf_dw_pair3_row_k(g, ring, pw, rows, sw, 0, 3, y, y_stride);                                      \
        } else {                                                                                              \
            tf_dw_pair3_row_k(g, ring, pw, rows, sw, fy_lo, fy_hi, y, y_stride);                              \
        }                                                                                                     \
    }
TF_DW_PAIR3_ROW_FN(tf_dw_pair3_row_s1_full, 1, 1)
TF_DW_PAIR3_ROW_FN(tf_dw_pair3_row_s2_full, 2, 1)
TF_DW_PAIR3_ROW_FN(tf_dw_pair3_row_s1_part, 1, 0)
TF_DW_PAIR3_ROW_FN(tf_dw_pair3_row_s2_part, 2, 0)

/* Output row oy of the group (tf_dw_ring_row_s8 in the pair layout): pixel ox into y[ox * y_stride + j]. */
static inline void tf_dw_pair3_row_s8(const tf_dw_group_ctx *g, tf_dw_ring *ring, const tf_dw_pair3_weights *pw,
                                      int32_t oy, int8_t *y, int32_t y_stride)
{
    const int32_t iy0 = oy * g->sh - g->pad_t, row_words = 2 * ring->cols;
    const int32_t fy_lo = iy0 < 0 ? -iy0 : 0, fy_hi = g->in_h - iy0 < 3 ? g->in_h - iy0 : 3;
    int32_t *rows[3];
    int32_t fy, slot;
    if (fy_lo >= fy_hi) { /* every tap in the padding: the bias alone */
        int32_t ox;
        for (ox = 0; ox < g->out_w; ++ox) {
            tf_dw_group_out4(g, g->bias[0], g->bias[1], g->bias[2], g->bias[3], y + ox * y_stride);
        }
        return;
    }
    slot = (iy0 + fy_lo) % 3;
    for (fy = fy_lo; fy < fy_hi; ++fy) {
        rows[fy] = ring->words + slot * row_words;
        if (iy0 + fy > ring->filled) {
            tf_dw_pair3_fill(g, ring->cols, rows[fy], iy0 + fy);
        }
        slot = slot + 1 == 3 ? 0 : slot + 1;
    }
    if (iy0 + fy_hi - 1 > ring->filled) {
        ring->filled = iy0 + fy_hi - 1;
    }
    if (fy_lo == 0 && fy_hi == 3) {
        (g->sw == 1 ? tf_dw_pair3_row_s1_full : tf_dw_pair3_row_s2_full)(g, ring, pw->w, rows, 0, 3, y, y_stride);
    } else {
        (g->sw == 1 ? tf_dw_pair3_row_s1_part : tf_dw_pair3_row_s2_part)(g, ring, pw->w, rows, fy_lo, fy_hi, y,
                                                                          y_stride);
    }
}

#endif
