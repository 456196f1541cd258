/* Depthwise convolution (depth multiplier 1, dilation 1, up to 49 taps) of one group of 4 channels through a
 * ring of padded input rows, for cores with the ARMv7E-M DSP extension.
 *
 * Each input row the group needs is converted once, when an output row first needs it, into a ring slot: per
 * column ix = -pad_l .. -pad_l + cols - 1 two words, SXTAB16 of the 4 channels' inputs (x + input_offset of
 * channels 0, 2 and 1, 3), and two zero words for the columns in the padding (TFLM skips those taps: w * 0
 * adds the same nothing). Every output pixel of a row then runs the same code, border or not: per tap one
 * LDRD of the inputs, one LDRD of the tap's 4 weights pre-packed in the same order (tf_dw_group_ctx.wpk)
 * and SMLABB / SMLATT into the 4 accumulators. Filter rows in the padding (above or below the image) are
 * skipped. 3x3, 5x5 and 7x7 filters run with the size a constant (taps unrolled). Then tf_mbqm_rshift per
 * channel (tf_dw_group_out4).
 *
 * Reads and writes: output row oy reads (into the ring) the input rows it needs that are not there yet, all
 * of them before it writes anything, then writes its pixels, channels c0 .. c0 + 3 only. Rows in order.
 * Included only where __ARM_FEATURE_DSP is defined. */
#ifndef TF_DW_RING_DSP_H
#define TF_DW_RING_DSP_H

#include "tf_dw_group_dsp.h"
#include "tf_dw_plane_dsp.h" /* tf_dw_pack16, TF_DW_MAX_K */

/* Words of the ring (2 per column per row, and the pair form's packed weights): 3 rows of 120 columns (the pair form of
 * a stride-2 3x3 layer up to 57 outputs wide), 5 of 72, 7 of 51. */
#define TF_DW_RING_WORDS 720

/* Columns of one ring row: every column an output row reads. */
static inline int32_t tf_dw_ring_cols(const tf_dw_conv_params *params, const tf_dims *filter_dims,
                                      const tf_dims *out_dims)
{
    return (out_dims->w - 1) * params->stride.w + filter_dims->w;
}

/* Whether the ring form covers this layer (tf_dw_group_fits, at most TF_DW_MAX_K filter rows, and they fit the ring). */
static inline int tf_dw_ring_fits(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                  const tf_dims *in_dims, const tf_dims *filter_dims, const tf_dims *out_dims)
{
    return tf_dw_group_fits(params, quant, in_dims, filter_dims) && filter_dims->h <= TF_DW_MAX_K
        && filter_dims->h * tf_dw_ring_cols(params, filter_dims, out_dims) * 2 <= TF_DW_RING_WORDS;
}

/* The ring of one group: slot iy % f_h holds input row iy; rows up to `filled` have been converted. */
typedef struct {
    int32_t *words;
    int32_t cols, filled;
    int32_t use_quick, quick[12]; /* tf_dw_ring_quick_of */
} tf_dw_ring;

/* Input row iy (inside the image) of the group into r: 2 words per column, 0 in the padding. */
static inline void tf_dw_ring_fill(const tf_dw_group_ctx *g, int32_t cols, int32_t *r, int32_t iy)
{
    const int32_t lead = g->pad_l < cols ? g->pad_l : cols;
    const int32_t end = g->pad_l + g->in_w < cols ? g->pad_l + g->in_w : cols;
    const int32_t c = g->c, off2 = g->off2;
    const int8_t *src = g->in + (iy * g->in_w + (lead - g->pad_l)) * c;
    int32_t ix;
    for (ix = 0; ix < lead; ++ix, r += 2) {
        r[0] = 0;
        r[1] = 0;
    }
    for (; ix < end; ++ix, src += c, r += 2) {
        int32_t v;
        memcpy(&v, src, 4);
        r[0] = __sxtab16(off2, v);
        r[1] = tf_dw_group_sxtab16_ror8(off2, v);
    }
    for (; ix < cols; ++ix, r += 2) {
        r[0] = 0;
        r[1] = 0;
    }
}

/* One tap from the ring: the 2 words at x (channels 0, 2 and 1, 3) and the tap's weights at w (same order), both
 * pointers then past them, into a0..a3. */
#define TF_DW_RING_TAP_ASM                        \
    "ldrd %[xe], %[xo], [%[xp]], #8\n\t"          \
    "ldrd %[we], %[wo], [%[wp]], #8\n\t"          \
    "smlabb %[a0], %[xe], %[we], %[a0]\n\t"       \
    "smlatt %[a1], %[xe], %[we], %[a1]\n\t"       \
    "smlabb %[a2], %[xo], %[wo], %[a2]\n\t"       \
    "smlatt %[a3], %[xo], %[wo], %[a3]\n\t"

#define TF_DW_RING_TAPS_ASM(taps)                                                                          \
    __asm__(taps                                                                                           \
            : [a0] "+r"(*a0), [a1] "+r"(*a1), [a2] "+r"(*a2), [a3] "+r"(*a3), [xp] "+r"(x), [wp] "+r"(*w), \
              [xe] "=r"(xe), [xo] "=r"(xo), [we] "=r"(we), [wo] "=r"(wo)                               \
            :                                                                                              \
            : "memory")

/* One filter row: kw taps from x (ring words) and *w (weights; left past them) into *a0..*a3. A row of 3, 5 or 7
 * taps is one asm block: gcc's scheduler would otherwise hoist a whole pixel's loads ahead of the products and
 * run out of registers (or shuffle the accumulators between registers every other tap). */
static inline __attribute__((always_inline)) void tf_dw_ring_taps(const int32_t kw, const int32_t *x, const int32_t **w,
                                                                  int32_t *a0, int32_t *a1, int32_t *a2, int32_t *a3)
{
    int32_t xe, xo, we, wo, fx;
    if (kw == 3) {
        TF_DW_RING_TAPS_ASM(TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM);
    } else if (kw == 5) {
        TF_DW_RING_TAPS_ASM(TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM
                                TF_DW_RING_TAP_ASM);
    } else if (kw == 7) {
        TF_DW_RING_TAPS_ASM(TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM
                                TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM TF_DW_RING_TAP_ASM);
    } else {
#pragma GCC unroll 1
        for (fx = 0; fx < kw; ++fx) {
            TF_DW_RING_TAPS_ASM(TF_DW_RING_TAP_ASM);
        }
    }
}

/* One output of the quick requantization (tf_dw_ring_quick_of): tf_mbqm_rshift with 2^30 + 2^(30+e) - [x < 0]
 * * 2^31 as (lo, hi) = ((x & 2^31) | 2^30, 2^(e-2) + (x >> 31)) for e >= 2, the output offset folded into the
 * high word (out_off * 2^(e-1): floor((h + o * 2^s) / 2^s) = floor(h / 2^s) + o), then SSAT to int8 (the
 * activation range is the whole of int8). */
static inline __attribute__((always_inline)) int8_t tf_dw_ring_quick_out(int32_t x, const int32_t *q)
{
    const int64_t round = (int64_t)(((uint64_t)(uint32_t)(q[0] + (x >> 31)) << 32)
                                    | (((uint32_t)x & 0x80000000u) | 0x40000000u));
    const int64_t sum = round + (int64_t)x * q[1];
    return (int8_t)__ssat((int32_t)(sum >> 32) >> q[2], 8);
}

/* Output row pixels 0 .. out_w - 1 from ring rows rows[fy_lo .. fy_hi - 1] (filter rows inside the image), a
 * kh x kw filter; kh, kw, fy_lo, fy_hi, quick constants after inlining where the caller passes constants. quick:
 * requantization by tf_dw_ring_quick_out with ring->quick, else tf_dw_group_out4. */
static inline __attribute__((always_inline)) void tf_dw_ring_row_k(const tf_dw_group_ctx *g, const tf_dw_ring *ring,
                                                                   const int32_t kw, int32_t *const *rows,
                                                                   const int32_t fy_lo, const int32_t fy_hi,
                                                                   const int32_t full, const int32_t quick, int8_t *y,
                                                                   int32_t y_stride)
{
    const int32_t step = 2 * g->sw, out_w = g->out_w;
    int32_t ox, o = 0, fy;
    for (ox = 0; ox < out_w; ++ox, o += step, y += y_stride) {
        int32_t a0 = g->bias[0], a1 = g->bias[1], a2 = g->bias[2], a3 = g->bias[3];
        const int32_t *w = g->wpk + 2 * kw * fy_lo;
        if (full) { /* a square filter, every row inside: unrolled */
#pragma GCC unroll 7
            for (fy = 0; fy < kw; ++fy) {
                tf_dw_ring_taps(kw, rows[fy] + o, &w, &a0, &a1, &a2, &a3);
            }
        } else { /* rolled: the (few) rows at the image's top and bottom */
#pragma GCC unroll 1
            for (fy = fy_lo; fy < fy_hi; ++fy) {
                tf_dw_ring_taps(kw, rows[fy] + o, &w, &a0, &a1, &a2, &a3);
            }
        }
        if (quick) {
            const int32_t *q = ring->quick;
            __asm__("" : "+r"(q));
            y[0] = tf_dw_ring_quick_out(a0, q);
            y[1] = tf_dw_ring_quick_out(a2, q + 3);
            y[2] = tf_dw_ring_quick_out(a1, q + 6);
            y[3] = tf_dw_ring_quick_out(a3, q + 9);
        } else {
            tf_dw_group_out4(g, a0, a1, a2, a3, y);
        }
    }
}

/* The constants of tf_dw_ring_quick_out for one channel into q[0..2]: 2^(e-2) + out_off * 2^(e-1), multiplier, e - 1;
 * 0 where the quick form does not apply: it needs every shift in [-23, -2] (2^(e-2) an integer; 2^30 + 128 * 2^22 +
 * 2^21 < 2^31: the high word with the offset folded in stays inside int32) and a non-negative multiplier. */
static inline int tf_dw_quick_of(int32_t *q, int32_t multiplier, int32_t shift, int32_t out_off)
{
    const int32_t s = -shift - 1; /* e - 1 */
    if (s < 1 || s > 22 || multiplier < 0) {
        return 0;
    }
    q[0] = (int32_t)(1u << (s - 1)) + out_off * (int32_t)(1u << s);
    q[1] = multiplier;
    q[2] = s;
    return 1;
}

/* Sets ring->use_quick and ring->quick (channels 0..3, tf_dw_quick_of) for the group of g: the quick requantization
 * also needs the activation range the whole of int8. */
static inline void tf_dw_ring_quick_of(const tf_dw_group_ctx *g, tf_dw_ring *ring)
{
    int32_t j;
    ring->use_quick = g->act_min == -128 && g->act_max == 127;
    for (j = 0; j < 4 && ring->use_quick; ++j) {
        ring->use_quick = tf_dw_quick_of(ring->quick + 3 * j, g->q[j].multiplier, -(g->q[j].high_shift + 1), g->out_off);
    }
}

#endif
