/* tf_dw_ring_groups_s8 (common/tf_dw_groups_dsp.h): the channel groups of the DSP depthwise kernels through a ring of
 * padded input rows, in the word layout (common/tf_dw_ring_dsp.h) or the pair layout (common/tf_dw_pair_dsp.h); and
 * tf_dw_plane_channel_s8, their channel planes; one copy for tf_depthwise_conv_s8_dsp and
 * tf_depthwise_conv_s8_inplace_dsp. Here are the row bodies, each its own
 * function (inlined into one, gcc's register allocation of the hot loops varies with whatever else is around them). */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dw_groups_dsp.h"

#define TF_DW_RING_ROW_FN(name, kw, full)                                                                     \
    static void __attribute__((noinline)) name(const tf_dw_group_ctx *g, const tf_dw_ring *ring,                \
                                               int32_t *const *rows, int32_t fy_lo, int32_t fy_hi, int8_t *y,  \
                                               int32_t y_stride)                                               \
    {                                                                                                         \
        if (full) {                                                                                           \
            tf_dw_ring_row_k(g, ring, kw, rows, 0, kw, 1, 1, y, y_stride);                                    \
        } else {                                                                                              \
            tf_dw_ring_row_k(g, ring, kw, rows, fy_lo, fy_hi, 0, ring->use_quick, y, y_stride);               \
        }                                                                                                     \
    }
TF_DW_RING_ROW_FN(tf_dw_ring_row3_full, 3, 1)
TF_DW_RING_ROW_FN(tf_dw_ring_row5_full, 5, 1)
TF_DW_RING_ROW_FN(tf_dw_ring_row7_full, 7, 1)
TF_DW_RING_ROW_FN(tf_dw_ring_row3_part, 3, 0)
TF_DW_RING_ROW_FN(tf_dw_ring_row5_part, 5, 0)
TF_DW_RING_ROW_FN(tf_dw_ring_row7_part, 7, 0)
TF_DW_RING_ROW_FN(tf_dw_ring_row_any, g->f_w, 0)

/* The ring rows of output row oy's filter rows inside the image into rows[*fy_lo .. *fy_hi - 1], converting first
 * the input rows not yet in the ring (pair: in the pair layout; rows in order: every row up to the last one needed is
 * in the ring or no later output row needs it). 0 when every tap lies in the padding: then the row's outputs are the
 * biases alone, written here. */
static int32_t tf_dw_ring_rows(const tf_dw_group_ctx *g, tf_dw_ring *ring, int32_t oy, int32_t pair, int32_t **rows,
                               int32_t *fy_lo, int32_t *fy_hi, int8_t *y, int32_t y_stride)
{
    const int32_t iy0 = oy * g->sh - g->pad_t, kh = g->f_h, row_words = 2 * ring->cols;
    const int32_t lo = iy0 < 0 ? -iy0 : 0, hi = g->in_h - iy0 < kh ? g->in_h - iy0 : kh;
    int32_t fy, slot;
    if (lo >= hi) {
        int32_t ox;
        for (ox = 0; ox < g->out_w; ++ox) {
            tf_dw_group_out4(g, g->bias[0], g->bias[1], g->bias[2], g->bias[3], y + ox * y_stride);
        }
        return 0;
    }
    /* slot of input row iy0 + fy: iy % kh, one division per output row, then counted */
    slot = (iy0 + lo) % kh;
    for (fy = lo; fy < hi; ++fy) {
        rows[fy] = ring->words + slot * row_words;
        if (iy0 + fy > ring->filled) {
            (pair ? tf_dw_pair_fill : tf_dw_ring_fill)(g, ring->cols, rows[fy], iy0 + fy);
        }
        slot = slot + 1 == kh ? 0 : slot + 1;
    }
    if (iy0 + hi - 1 > ring->filled) {
        ring->filled = iy0 + hi - 1;
    }
    *fy_lo = lo;
    *fy_hi = hi;
    return 1;
}

/* Output row oy of the group in the word layout: pixel ox into y[ox * y_stride + j], j 0..3. */
static void tf_dw_ring_row_s8(const tf_dw_group_ctx *g, tf_dw_ring *ring, int32_t oy, int8_t *y, int32_t y_stride)
{
    const int32_t kh = g->f_h, kw = g->f_w;
    int32_t *rows[TF_DW_MAX_K];
    int32_t fy_lo, fy_hi;
    if (!tf_dw_ring_rows(g, ring, oy, 0, rows, &fy_lo, &fy_hi, y, y_stride)) {
        return;
    }
    if (kh != kw || (kh != 3 && kh != 5 && kh != 7)) {
        tf_dw_ring_row_any(g, ring, rows, fy_lo, fy_hi, y, y_stride);
    } else if (fy_lo == 0 && fy_hi == kh && ring->use_quick) {
        (kh == 3 ? tf_dw_ring_row3_full : kh == 5 ? tf_dw_ring_row5_full : tf_dw_ring_row7_full)(g, ring, rows, 0, kh, y,
                                                                                              y_stride);
    } else {
        (kh == 3 ? tf_dw_ring_row3_part : kh == 5 ? tf_dw_ring_row5_part : tf_dw_ring_row7_part)(g, ring, rows, fy_lo,
                                                                                              fy_hi, y, y_stride);
    }
}

/* One filter row of two channels (x at the first channel's pair word of the pixel's column pair, w at the row's
 * weights of the two channels) into a0, a1 (pixel c) and b0, b1 (the next pixel); the odd last pixel into a0, a1. */
#define TF_DW_PAIR_ROW_OF(xrow, s1_3, s1_5, s1_7, s2_3, s2_5, s2_7)                                              \
    do {                                                                                                          \
        const int32_t *x = (xrow);                                                                                \
        if (sw == 1) {                                                                                            \
            if (k == 3) {                                                                                         \
                TF_DW_PAIR_ASM_S1(s1_3);                                                                          \
            } else if (k == 5) {                                                                                  \
                TF_DW_PAIR_ASM_S1(s1_5);                                                                          \
            } else {                                                                                              \
                TF_DW_PAIR_ASM_S1(s1_7);                                                                          \
            }                                                                                                     \
        } else if (k == 3) {                                                                                      \
            TF_DW_PAIR_ASM_S2(s2_3);                                                                              \
        } else if (k == 5) {                                                                                      \
            TF_DW_PAIR_ASM_S2(s2_5);                                                                              \
        } else {                                                                                                  \
            TF_DW_PAIR_ASM_S2(s2_7);                                                                              \
        }                                                                                                         \
    } while (0)
#define TF_DW_PAIR_ROW(xrow) \
    TF_DW_PAIR_ROW_OF(xrow, TF_DW_S1_3, TF_DW_S1_5, TF_DW_S1_7, TF_DW_S2_3, TF_DW_S2_5, TF_DW_S2_7)
#define TF_DW_PAIR_ROW_ODD(xrow)                                                                               \
    TF_DW_PAIR_ROW_OF(xrow, TF_DW_S1_ODD_3, TF_DW_S1_ODD_5, TF_DW_S1_ODD_7, TF_DW_S2_ODD_3, TF_DW_S2_ODD_5,     \
                      TF_DW_S2_ODD_7)

/* Output row pixels from ring rows rows[fy_lo .. fy_hi - 1]; k, sw and full constants after inlining. full: every
 * filter row inside the image (fy_lo 0, fy_hi k), the rows unrolled. */
static inline __attribute__((always_inline)) void tf_dw_pair_row_k(const tf_dw_group_ctx *g, const tf_dw_ring *ring,
                                                                   const int32_t *pw, int32_t *const *rows,
                                                                   const int32_t k, const int32_t sw,
                                                                   const int32_t fy_lo, const int32_t fy_hi,
                                                                   const int32_t full, int8_t *y, int32_t y_stride)
{
    const int32_t out_w = g->out_w, *q = ring->quick, rw = tf_dw_pair_row_words(k, sw);
    int32_t ox, o = 0, fy, h;
    /* two pixels per step: column c = ox * sw (even), its pair word at (c / 2) * 4 */
    for (ox = 0; ox + 2 <= out_w; ox += 2, o += 4 * sw, y += 2 * y_stride) {
#pragma GCC unroll 2
        for (h = 0; h < 2; ++h) {
            /* channels 2h, 2h + 1 (tf_dw_group_ctx's biases are in order 0, 2, 1, 3) */
            int32_t a0 = g->bias[h], a1 = g->bias[2 + h], b0 = a0, b1 = a1;
            const int32_t *w = pw + fy_lo * 2 * rw + h * rw;
            if (full && k <= 5) { /* 7x7: a rolled loop costs little next to a row's block, and saves flash */
#pragma GCC unroll 5
                for (fy = 0; fy < k; ++fy, w += 2 * rw) {
                    TF_DW_PAIR_ROW(rows[fy] + o + 2 * h);
                }
            } else if (full) {
#pragma GCC unroll 1
                for (fy = 0; fy < k; ++fy, w += 2 * rw) {
                    TF_DW_PAIR_ROW(rows[fy] + o + 2 * h);
                }
            } else {
#pragma GCC unroll 1
                for (fy = fy_lo; fy < fy_hi; ++fy, w += 2 * rw) {
                    TF_DW_PAIR_ROW(rows[fy] + o + 2 * h);
                }
            }
            y[2 * h] = tf_dw_ring_quick_out(a0, q + 6 * h);
            y[2 * h + 1] = tf_dw_ring_quick_out(a1, q + 6 * h + 3);
            y[y_stride + 2 * h] = tf_dw_ring_quick_out(b0, q + 6 * h);
            y[y_stride + 2 * h + 1] = tf_dw_ring_quick_out(b1, q + 6 * h + 3);
        }
    }
    if (ox < out_w) { /* the odd last pixel: out(c) alone */
#pragma GCC unroll 2
        for (h = 0; h < 2; ++h) {
            int32_t a0 = g->bias[h], a1 = g->bias[2 + h], b0 = 0, b1 = 0;
            const int32_t *w = pw + fy_lo * 2 * rw + h * rw;
#pragma GCC unroll 1
            for (fy = fy_lo; fy < fy_hi; ++fy, w += 2 * rw) {
                TF_DW_PAIR_ROW_ODD(rows[fy] + o + 2 * h);
            }
            (void)b0;
            (void)b1;
            y[2 * h] = tf_dw_ring_quick_out(a0, q + 6 * h);
            y[2 * h + 1] = tf_dw_ring_quick_out(a1, q + 6 * h + 3);
        }
    }
}

#define TF_DW_PAIR_ROW_FN(name, k, sw, full)                                                                   \
    static void __attribute__((noinline)) name(const tf_dw_group_ctx *g, const tf_dw_ring *ring,                \
                                               const int32_t *pw, int32_t *const *rows, int32_t fy_lo,           \
                                               int32_t fy_hi, int8_t *y, int32_t y_stride)                     \
    {                                                                                                         \
        if (full) {                                                                                           \
            tf_dw_pair_row_k(g, ring, pw, rows, k, sw, 0, k, 1, y, y_stride);                                 \
        } else {                                                                                              \
            tf_dw_pair_row_k(g, ring, pw, rows, k, sw, fy_lo, fy_hi, 0, y, y_stride);                         \
        }                                                                                                     \
    }
TF_DW_PAIR_ROW_FN(tf_dw_pair_row3_s1_full, 3, 1, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row3_s2_full, 3, 2, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row3_s1_part, 3, 1, 0)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row3_s2_part, 3, 2, 0)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row5_s1_full, 5, 1, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row5_s2_full, 5, 2, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row5_s1_part, 5, 1, 0)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row5_s2_part, 5, 2, 0)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row7_s1_full, 7, 1, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row7_s2_full, 7, 2, 1)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row7_s1_part, 7, 1, 0)
TF_DW_PAIR_ROW_FN(tf_dw_pair_row7_s2_part, 7, 2, 0)

typedef void (*tf_dw_pair_row_fn)(const tf_dw_group_ctx *, const tf_dw_ring *, const int32_t *, int32_t *const *,
                                  int32_t, int32_t, int8_t *, int32_t);

/* Output row oy of the group (tf_dw_ring_row_s8 in the pair layout): pixel ox into y[ox * y_stride + j]. pw: the
 * packed weights (tf_dw_pair_weights). */
static void tf_dw_pair_row_s8(const tf_dw_group_ctx *g, tf_dw_ring *ring, const int32_t *pw, int32_t oy,
                                     int8_t *y, int32_t y_stride)
{
    static const tf_dw_pair_row_fn fns[3][2][2] = {
        {{tf_dw_pair_row3_s1_part, tf_dw_pair_row3_s1_full}, {tf_dw_pair_row3_s2_part, tf_dw_pair_row3_s2_full}},
        {{tf_dw_pair_row5_s1_part, tf_dw_pair_row5_s1_full}, {tf_dw_pair_row5_s2_part, tf_dw_pair_row5_s2_full}},
        {{tf_dw_pair_row7_s1_part, tf_dw_pair_row7_s1_full}, {tf_dw_pair_row7_s2_part, tf_dw_pair_row7_s2_full}}};
    const int32_t k = g->f_h;
    int32_t *rows[TF_DW_MAX_K];
    int32_t fy_lo, fy_hi;
    if (!tf_dw_ring_rows(g, ring, oy, 1, rows, &fy_lo, &fy_hi, y, y_stride)) {
        return;
    }
    fns[k / 2 - 1][g->sw - 1][fy_lo == 0 && fy_hi == k](g, ring, pw, rows, fy_lo, fy_hi, y, y_stride);
}

void tf_dw_ring_groups_s8(const tf_dw_conv_params *params, const tf_per_channel_quant *quant, const tf_dims *in_dims,
                          const int8_t *in, const tf_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                          const tf_dims *out_dims, int8_t *out)
{
    const int32_t c = in_dims->c, out_w = out_dims->w;
    const int32_t pair_fits = tf_dw_pair_fits(params, filter_dims, out_dims);
    int32_t words[TF_DW_RING_WORDS];
    tf_dw_group_ctx g;
    tf_dw_ring ring;
    int32_t ic, oy;
    ring.words = words;
    for (ic = 0; ic + 4 <= c; ic += 4) {
        tf_dw_group_ctx_init(&g, params, quant, in_dims, in, filter_dims, filter, bias, out_dims, ic, 0);
        tf_dw_ring_quick_of(&g, &ring);
        ring.filled = -1;
        if (pair_fits && ring.use_quick) {
            /* the packed weights after the ring's rows (tf_dw_pair_fits counts them) */
            int32_t *pw = words + filter_dims->h * 2 * tf_dw_pair_cols(params, filter_dims, out_dims);
            ring.cols = tf_dw_pair_cols(params, filter_dims, out_dims);
            tf_dw_pair_weights(pw, filter, filter_dims->h, params->stride.w, c, ic);
            for (oy = 0; oy < out_dims->h; ++oy) {
                tf_dw_pair_row_s8(&g, &ring, pw, oy, out + oy * out_w * c + ic, c);
            }
        } else {
            tf_dw_group_pack(&g, filter, filter_dims->h * filter_dims->w, ic);
            ring.cols = tf_dw_ring_cols(params, filter_dims, out_dims);
            for (oy = 0; oy < out_dims->h; ++oy) {
                tf_dw_ring_row_s8(&g, &ring, oy, out + oy * out_w * c + ic, c);
            }
        }
    }
}

void tf_dw_plane_channel_s8(const tf_dw_conv_params *params, int32_t k, const tf_per_channel_quant *quant,
                            const int32_t *bias, const tf_dims *in_dims, const int8_t *in, int32_t ic,
                            const int8_t *filter, const tf_dims *out_dims, int8_t *dst, int32_t dst_stride)
{
    tf_dw_plane_s8(params, k, quant, bias, in_dims, in, ic, filter, out_dims, dst, dst_stride);
}
#else
typedef int tf_dw_ring_groups_unused; /* no DSP: nothing here (ISO C wants a declaration) */
#endif
