/* DEPTHWISE_CONV_2D int8 (depth multiplier 1, dilation 1, a K x K filter with K 3, 5 or 7, strides 1 or 2, batch 1),
 * specialized per layer (DspDepthwiseKernels in the compiler): model.c declares one static function per layer that
 * calls tf_depthwise_conv_s8_dsp_layer with the layer's shapes, strides, padding, offsets and activation bounds as
 * literal constants, so gcc unrolls the taps and drops every branch that does not apply. Same results as
 * tf_depthwise_conv_s8_nhwc (bit-exact with TFLite).
 *
 * Layout: channel groups of 4 (the last one may have fewer). Per group a ring on the stack holds consecutive input
 * rows (at least the K an output row reads; when the next row would pass its end, the rows still needed move to the
 * front), per row one int16 row per channel: x + input_offset at ring column pad_l + ix, 0 in the padding columns
 * (TFLM skips those taps: w * 0 adds nothing), each input row converted once (SXTAB16 of 4 channels of two pixels,
 * regrouped per channel with PKHBT / PKHTB). Filter rows above and below the image are skipped (3x3 border rows
 * unrolled, others in a rolled loop). The group's weights are packed at run time the same way (no flash beyond the
 * int8 filter), doubled, as int16 words per filter row, interleaved P_0, Q_0, P_1, Q_1, ...:
 * P_i = (w[2i], w[2i+1]) and Q_i = (w[2i+1], w[2i+2]) for i < (K-1)/2. With X_j the ring word of columns 2j, 2j+1
 * from an even output position (a stride-1 pair starts at an even column, a stride-2 output at 2 * ox):
 *   even output:  sum_i SMLAD(X_i, P_i)  + SMLABT(X_m, Q_{m-1})      (m = (K-1)/2: the last tap w[K-1] * x[K-1])
 *   odd output:   SMLATB(X_0, P_0)       + sum_i SMLAD(X_{i+1}, Q_i)  (stride 1: the output one column later)
 * so a stride-1 pair of outputs costs K + 1 MAC instructions per filter row, a stride-2 output (K + 1) / 2. The sums
 * are 2 * acc (doubled weights, doubled bias), which tf_conv_1x1_dsp_requant (conv_s8_1x1_dsp_body.h: SMMLAR, the
 * sign, the shift) turns into the output; tf_conv_1x1_dsp_clamp applies int8 and the activation bounds. The compiler
 * checks that 2 * acc and the rounding stay inside int32 for every input (else it keeps the generic kernel).
 * Outputs go in blocks of 4 along a row (then 2, then 1), one channel at a time; the 3x3 blocks of 4 are assembly.
 *
 * Order (the memory planner relies on it, in place): groups in order; per group output rows in order; before output
 * row oy writes anything, every input row it reads has been converted into the ring; a row writes only its group's
 * channels. That is the order of tf_dw_ring_groups_s8 (tf_depthwise_conv_s8_inplace_dsp's ring form), and the
 * compiler runs a layer in place here only where that form's ring_writes_in_place holds.
 * Without __ARM_FEATURE_DSP the same code runs with portable equivalents of the DSP instructions. */
#ifndef TF_DEPTHWISE_CONV_S8_DSP_BODY_H
#define TF_DEPTHWISE_CONV_S8_DSP_BODY_H

#include <stdint.h>
#include <string.h>
#include "../conv/conv_s8_1x1_dsp_body.h" /* tf_conv_1x1_dsp_requant, tf_conv_1x1_dsp_clamp */

/* Bytes of the ring: K rows x 4 channels x the row stride (tf_dw_dsp_row_stride) int16. The compiler checks the fit. */
#define TF_DW_DSP_LAYER_RING_BYTES 2560

#define TF_DW_DSP_AI static inline __attribute__((always_inline))

#if defined(__ARM_FEATURE_DSP)
#define tf_dw_dsp_sadd16(x, y) __sadd16((x), (y))
#define tf_dw_dsp_smlad(x, y, a) __smlad((x), (y), (a))
#define tf_dw_dsp_smlabt(x, y, a) __smlabt((x), (y), (a))
#define tf_dw_dsp_smlatb(x, y, a) __smlatb((x), (y), (a))
#define tf_dw_dsp_sxtab16(a, v) __sxtab16((a), (v))
TF_DW_DSP_AI int32_t tf_dw_dsp_sxtab16_ror8(int32_t a, int32_t v)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(v));
    return r;
}
/* (low half of lo, low half of hi) and (high half of lo, high half of hi): PKHBT, PKHTB (gcc builds them from shifts) */
TF_DW_DSP_AI int32_t tf_dw_dsp_lows(int32_t lo, int32_t hi)
{
    int32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(lo), "r"(hi));
    return r;
}
TF_DW_DSP_AI int32_t tf_dw_dsp_highs(int32_t lo, int32_t hi)
{
    int32_t r;
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(hi), "r"(lo));
    return r;
}
#else
TF_DW_DSP_AI int32_t tf_dw_dsp_lo(int32_t v) { return (int32_t)(int16_t)(uint16_t)((uint32_t)v & 0xFFFFu); }
TF_DW_DSP_AI int32_t tf_dw_dsp_hi(int32_t v) { return (int32_t)(int16_t)(uint16_t)((uint32_t)v >> 16); }
/* int32 wrapping sums, as the DSP instructions' */
TF_DW_DSP_AI int32_t tf_dw_dsp_wrap(uint32_t v)
{
    int32_t r;
    memcpy(&r, &v, 4);
    return r;
}
TF_DW_DSP_AI int32_t tf_dw_dsp_smlad(int32_t x, int32_t y, int32_t a)
{
    return tf_dw_dsp_wrap((uint32_t)a + (uint32_t)(tf_dw_dsp_lo(x) * tf_dw_dsp_lo(y))
                          + (uint32_t)(tf_dw_dsp_hi(x) * tf_dw_dsp_hi(y)));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_smlabt(int32_t x, int32_t y, int32_t a)
{
    return tf_dw_dsp_wrap((uint32_t)a + (uint32_t)(tf_dw_dsp_lo(x) * tf_dw_dsp_hi(y)));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_smlatb(int32_t x, int32_t y, int32_t a)
{
    return tf_dw_dsp_wrap((uint32_t)a + (uint32_t)(tf_dw_dsp_hi(x) * tf_dw_dsp_lo(y)));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_halves(int32_t lo, int32_t hi)
{
    return tf_dw_dsp_wrap(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_sadd16(int32_t x, int32_t y)
{
    return tf_dw_dsp_halves(tf_dw_dsp_lo(x) + tf_dw_dsp_lo(y), tf_dw_dsp_hi(x) + tf_dw_dsp_hi(y));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_sxtab16(int32_t a, int32_t v)
{
    return tf_dw_dsp_halves(tf_dw_dsp_lo(a) + (int8_t)(uint8_t)((uint32_t)v & 0xFFu),
                          tf_dw_dsp_hi(a) + (int8_t)(uint8_t)(((uint32_t)v >> 16) & 0xFFu));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_sxtab16_ror8(int32_t a, int32_t v)
{
    return tf_dw_dsp_sxtab16(a, tf_dw_dsp_wrap((uint32_t)v >> 8));
}
TF_DW_DSP_AI int32_t tf_dw_dsp_lows(int32_t lo, int32_t hi) { return tf_dw_dsp_halves(lo, hi); }
TF_DW_DSP_AI int32_t tf_dw_dsp_highs(int32_t lo, int32_t hi)
{
    return tf_dw_dsp_halves(tf_dw_dsp_hi(lo), tf_dw_dsp_hi(hi));
}
#endif

/* Halfword words of the ring: little-endian (low half = the even column). */
TF_DW_DSP_AI int32_t tf_dw_dsp_word(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

TF_DW_DSP_AI void tf_dw_dsp_put(int16_t *p, int32_t v) { memcpy(p, &v, 4); }

/* The int16 row stride of the ring: the columns an output row reads, one more (a word read at the last even column),
 * rounded up to even (words stay 4-aligned). */
TF_DW_DSP_AI int32_t tf_dw_dsp_row_stride(const int32_t k, const int32_t sw, const int32_t out_w)
{
    return ((out_w - 1) * sw + k + 2) & ~1;
}

/* Input row iy of the group's nc channels (from x, the image at the group's first channel) into the ring slot s
 * (nc rows of rs int16): ring columns pad_l .. pad_l + in_w - 1 that an output reads (< cols). */
TF_DW_DSP_AI void tf_dw_dsp_fill(const int8_t *x, int16_t *s, int32_t iy, const int32_t nc, const int32_t in_w, const int32_t c, const int32_t pad_l, const int32_t cols,
                                 const int32_t rs, const int32_t input_offset)
{
    const int32_t end = pad_l + in_w < cols ? pad_l + in_w : cols;
    const int8_t *src = x + (iy * in_w - pad_l) * c; /* ring column i reads src + i * c */
    int32_t i = pad_l, j;
    if (nc == 4) {
        const int32_t off2 = (int32_t)(((uint32_t)input_offset << 16) | ((uint32_t)input_offset & 0xFFFFu));
        if ((pad_l & 1) != 0 && i < end) { /* a lone first column */
            int32_t v;
            memcpy(&v, src + i * c, 4);
            for (j = 0; j < 4; ++j) s[j * rs + i] = (int16_t)((int8_t)(uint8_t)((uint32_t)v >> (8 * j)) + input_offset);
            ++i;
        }
#pragma GCC unroll 2
        for (; i + 2 <= end; i += 2) {
            int32_t v0, v1;
            memcpy(&v0, src + i * c, 4);
            memcpy(&v1, src + (i + 1) * c, 4);
            {
                const int32_t e0 = tf_dw_dsp_sxtab16(off2, v0), e1 = tf_dw_dsp_sxtab16(off2, v1);
                const int32_t o0 = tf_dw_dsp_sxtab16_ror8(off2, v0), o1 = tf_dw_dsp_sxtab16_ror8(off2, v1);
                tf_dw_dsp_put(s + i, tf_dw_dsp_lows(e0, e1));           /* channel 0 */
                tf_dw_dsp_put(s + rs + i, tf_dw_dsp_lows(o0, o1));      /* channel 1 */
                tf_dw_dsp_put(s + 2 * rs + i, tf_dw_dsp_highs(e0, e1)); /* channel 2 */
                tf_dw_dsp_put(s + 3 * rs + i, tf_dw_dsp_highs(o0, o1)); /* channel 3 */
            }
        }
    }
    for (; i < end; ++i) { /* the last column of a pair-wise fill; every column of a group under 4 channels */
        for (j = 0; j < nc; ++j) s[j * rs + i] = (int16_t)(src[i * c + j] + input_offset);
    }
}

/* Loads of the MAC blocks. With the DSP assembly (optimized builds) they are volatile assembly: gcc would otherwise
 * hoist a whole block's loads ahead of its products and run out of registers. */
TF_DW_DSP_AI int32_t tf_dw_dsp_load(const int16_t *p)
{
#if TF_CONV_1X1_DSP_ASM
    int32_t v;
    __asm__ volatile("ldr %0, %1" : "=r"(v) : "m"(*(const int32_t *)(const void *)p));
    return v;
#else
    return tf_dw_dsp_word(p);
#endif
}

/* Two weight words (P_i, Q_i) at w + ofs: one LDRD, with the offset an immediate where it is a constant (the
 * unrolled rows: one base register for all of a channel's weights). */
TF_DW_DSP_AI void tf_dw_dsp_load_pq(const int32_t *w, const int32_t ofs, int32_t *p, int32_t *q)
{
#if TF_CONV_1X1_DSP_ASM
    int32_t a, b;
    if (__builtin_constant_p(ofs)) {
        __asm__ volatile("ldrd %0, %1, [%2, #%c3]"
                         : "=r"(a), "=r"(b)
                         : "r"(w), "i"(4 * ofs), "m"(*(const uint64_t *)(const void *)(w + ofs)));
    } else {
        __asm__ volatile("ldrd %0, %1, %2" : "=r"(a), "=r"(b) : "m"(*(const uint64_t *)(const void *)(w + ofs)));
    }
    *p = a;
    *q = b;
#else
    *p = w[ofs];
    *q = w[ofs + 1];
#endif
}

/* One filter row of an n-output block (n 1, 2 or 4) from x (the ring row at the block's first input column, even)
 * and the row's K-1 weight words at w + wofs (P_i and Q_i interleaved) into a[0 .. n-1], one weight pair at a time;
 * each ring word X_j is loaded once, when first needed. */
TF_DW_DSP_AI void tf_dw_dsp_taps(const int16_t *x, const int32_t *w, const int32_t wofs, int32_t a[4], const int32_t k,
                                 const int32_t sw, const int32_t n)
{
    const int32_t m = (k - 1) / 2;
    int32_t X[12];
    int32_t i, q, got = 0;
#pragma GCC unroll 3
    for (i = 0; i < m; ++i) {
        /* words needed by step i: stride 1 X_0 .. X_{i+1} (X_{i+2} with a second pair), stride 2 X_0 .. X_{i+n-1},
         * and at the last step the words of the last taps */
        const int32_t need = sw == 1 ? i + (n == 4 ? 3 : 2) : (i == m - 1 ? m + n : i + n);
        int32_t p, qq;
        tf_dw_dsp_load_pq(w, wofs + 2 * i, &p, &qq);
#pragma GCC unroll 12
        for (; got < need; ++got) X[got] = tf_dw_dsp_load(x + 2 * got);
        if (sw == 1) { /* outputs 2b and 2b + 1 start at word b */
#pragma GCC unroll 2
            for (q = 0; q < n; q += 2) {
                const int32_t b = q / 2;
                a[q] = tf_dw_dsp_smlad(X[b + i], p, a[q]);
                if (q + 1 < n) {
                    if (i == 0) a[q + 1] = tf_dw_dsp_smlatb(X[b], p, a[q + 1]);
                    a[q + 1] = tf_dw_dsp_smlad(X[b + i + 1], qq, a[q + 1]);
                }
                if (i == m - 1) a[q] = tf_dw_dsp_smlabt(X[b + m], qq, a[q]);
            }
        } else { /* output q starts at word q */
#pragma GCC unroll 4
            for (q = 0; q < n; ++q) {
                a[q] = tf_dw_dsp_smlad(X[q + i], p, a[q]);
                if (i == m - 1) a[q] = tf_dw_dsp_smlabt(X[q + m], qq, a[q]);
            }
        }
    }
}

#if TF_CONV_1X1_DSP_ASM
/* ---- The 4-output block of a 3x3 filter (strides 1 and 2, every filter row inside the image) in assembly: with the
 * pointers to the ring, the weights and the channel's constants it needs 13 registers, which gcc's allocator does not
 * find by itself (it spills the constants and the pointers). Per filter row r (ring row at x + r * rb bytes, weights
 * P_0, Q_0 at w + 8r) one LDRD of the weights, LDRD / LDR of the ring words and 8 MACs; the first row starts from
 * the bias (held in a3 until its last use); then tf_conv_1x1_dsp_requant and SSAT to int8 per output. ---- */
#define TF_DW_DSP_S1_ROW(r, FIRST)                                                                                  \
    "ldrd %[p], %[q], [%[w], #(8*" #r ")]\n\t"                                                                       \
    "ldrd %[x0], %[x1], [%[x], #(" #r "*%c[rb])]\n\t"                                                                \
    "smlad %[a0], %[x0], %[p], " FIRST(a0) "\n\t"                                                                    \
    "smlatb %[a1], %[x0], %[p], " FIRST(a1) "\n\t"                                                                   \
    "smlad %[a2], %[x1], %[p], " FIRST(a2) "\n\t"                                                                    \
    "smlatb %[a3], %[x1], %[p], " FIRST(a3) "\n\t"                                                                   \
    "ldr %[x0], [%[x], #(" #r "*%c[rb]+8)]\n\t"                                                                      \
    "smlabt %[a0], %[x1], %[q], %[a0]\n\t"                                                                           \
    "smlad %[a1], %[x1], %[q], %[a1]\n\t"                                                                            \
    "smlabt %[a2], %[x0], %[q], %[a2]\n\t"                                                                           \
    "smlad %[a3], %[x0], %[q], %[a3]\n\t"
#define TF_DW_DSP_S2_ROW(r, FIRST)                                                                                  \
    "ldrd %[p], %[q], [%[w], #(8*" #r ")]\n\t"                                                                       \
    "ldrd %[x0], %[x1], [%[x], #(" #r "*%c[rb])]\n\t"                                                                \
    "ldrd %[x2], %[x3], [%[x], #(" #r "*%c[rb]+8)]\n\t"                                                              \
    "smlad %[a0], %[x0], %[p], " FIRST(a0) "\n\t"                                                                    \
    "smlad %[a1], %[x1], %[p], " FIRST(a1) "\n\t"                                                                    \
    "smlad %[a2], %[x2], %[p], " FIRST(a2) "\n\t"                                                                    \
    "smlad %[a3], %[x3], %[p], " FIRST(a3) "\n\t"                                                                    \
    "ldr %[x0], [%[x], #(" #r "*%c[rb]+16)]\n\t"                                                                     \
    "smlabt %[a0], %[x1], %[q], %[a0]\n\t"                                                                           \
    "smlabt %[a1], %[x2], %[q], %[a1]\n\t"                                                                           \
    "smlabt %[a2], %[x3], %[q], %[a2]\n\t"                                                                           \
    "smlabt %[a3], %[x0], %[q], %[a3]\n\t"
#define TF_DW_DSP_FROM_BIAS(a) "%[a3]"
#define TF_DW_DSP_ACCUMULATE(a) "%[" #a "]"
/* SMMLAR, the sign, the shift, SSAT (tf_conv_1x1_dsp_requant, then int8), the constants in p (multiplier), q (add),
 * x1 (shift) */
#define TF_DW_DSP_RQ(a) "smmlar %[x0], %[" #a "], %[p], %[q]\n\tadd %[x0], %[x0], %[" #a "], asr #31\n\t"           \
                        "asr %[x0], %[x0], %[x1]\n\tssat %[" #a "], #8, %[x0]\n\t"
#define TF_DW_DSP_RQ4                                                                                               \
    "ldrd %[p], %[q], [%[ch], #4]\n\tldr %[x1], [%[ch], #12]\n\t" TF_DW_DSP_RQ(a0) TF_DW_DSP_RQ(a1) TF_DW_DSP_RQ(a2)  \
        TF_DW_DSP_RQ(a3)

/* The 4 outputs (int8, before the activation bounds) of a 3x3 block at x (ring row 0 at the block's first column),
 * stride sw, ring rows rb bytes apart. */
TF_DW_DSP_AI void tf_dw_dsp_block3_asm(const int16_t *x, const int32_t *w, const tf_conv_1x1_dsp_chan *ch,
                                       int32_t a[4], const int32_t rb, const int32_t sw)
{
    int32_t a0, a1, a2, a3, p, q, x0, x1, x2, x3;
    if (sw == 1) {
        __asm__ volatile("ldr %[a3], [%[ch]]\n\t" TF_DW_DSP_S1_ROW(0, TF_DW_DSP_FROM_BIAS)
                             TF_DW_DSP_S1_ROW(1, TF_DW_DSP_ACCUMULATE) TF_DW_DSP_S1_ROW(2, TF_DW_DSP_ACCUMULATE)
                                 TF_DW_DSP_RQ4
                         : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [p] "=&r"(p), [q] "=&r"(q),
                           [x0] "=&r"(x0), [x1] "=&r"(x1)
                         : [x] "r"(x), [w] "r"(w), [ch] "r"(ch), [rb] "i"(rb)
                         : "memory");
        (void)x2;
        (void)x3;
    } else {
        __asm__ volatile("ldr %[a3], [%[ch]]\n\t" TF_DW_DSP_S2_ROW(0, TF_DW_DSP_FROM_BIAS)
                             TF_DW_DSP_S2_ROW(1, TF_DW_DSP_ACCUMULATE) TF_DW_DSP_S2_ROW(2, TF_DW_DSP_ACCUMULATE)
                                 TF_DW_DSP_RQ4
                         : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [p] "=&r"(p), [q] "=&r"(q),
                           [x0] "=&r"(x0), [x1] "=&r"(x1), [x2] "=&r"(x2), [x3] "=&r"(x3)
                         : [x] "r"(x), [w] "r"(w), [ch] "r"(ch), [rb] "i"(rb)
                         : "memory");
    }
    a[0] = a0;
    a[1] = a1;
    a[2] = a2;
    a[3] = a3;
}
#endif

/* Outputs ox .. ox + n - 1 of one channel's output row (n a constant) from filter rows fy_lo .. fy_hi - 1, whose ring
 * rows are x, x + row, x + 2 * row, ... (x: filter row fy_lo's), and the channel's packed weights wc (K rows of K-1
 * words); y: the output row's first output of this channel. */
TF_DW_DSP_AI void tf_dw_dsp_block(const int16_t *x, const int32_t row, const int32_t *wc,
                                  const tf_conv_1x1_dsp_chan *q, int8_t *y, int32_t ox, const int32_t n,
                                  const int32_t fy_lo, const int32_t fy_hi, const int32_t k, const int32_t sw,
                                  const int32_t c, const int32_t act_min, const int32_t act_max)
{
    int32_t a[4] = {q->bias, q->bias, q->bias, q->bias};
    int32_t fy, j;
    x += ox * sw;
#if TF_CONV_1X1_DSP_ASM
    /* 3x3, all rows: the assembly block (LDRD offsets up to 1020 bytes) */
    if (k == 3 && n == 4 && fy_lo == 0 && fy_hi == 3 && 4 * row + 16 <= 1020) {
        tf_dw_dsp_block3_asm(x, wc, q, a, 2 * row, sw);
#pragma GCC unroll 4
        for (j = 0; j < n; ++j) y[(ox + j) * c] = (int8_t)tf_conv_1x1_dsp_clamp(a[j], act_min, act_max);
        return;
    }
#endif
#pragma GCC unroll 7
    for (fy = fy_lo; fy < fy_hi; ++fy) tf_dw_dsp_taps(x + (fy - fy_lo) * row, wc, fy * (k - 1), a, k, sw, n);
#pragma GCC unroll 4
    for (j = 0; j < n; ++j) {
        y[(ox + j) * c] = (int8_t)tf_conv_1x1_dsp_clamp(tf_conv_1x1_dsp_requant(a[j], q->multiplier, q->add, q->shift),
                                                        act_min, act_max);
    }
}

/* One channel's output row: blocks of 4 outputs, then 2, then 1. */
TF_DW_DSP_AI void tf_dw_dsp_channel_row(const int16_t *x, const int32_t row, const int32_t *wc,
                                        const tf_conv_1x1_dsp_chan *q, int8_t *y, const int32_t fy_lo,
                                        const int32_t fy_hi, const int32_t out_w, const int32_t k, const int32_t sw,
                                        const int32_t c, const int32_t act_min, const int32_t act_max)
{
    int32_t ox;
#pragma GCC unroll 1
    for (ox = 0; ox + 4 <= out_w; ox += 4) {
        tf_dw_dsp_block(x, row, wc, q, y, ox, 4, fy_lo, fy_hi, k, sw, c, act_min, act_max);
    }
    if (out_w % 4 >= 2) tf_dw_dsp_block(x, row, wc, q, y, out_w - out_w % 4, 2, fy_lo, fy_hi, k, sw, c, act_min, act_max);
    if (out_w % 2 == 1) tf_dw_dsp_block(x, row, wc, q, y, out_w - 1, 1, fy_lo, fy_hi, k, sw, c, act_min, act_max);
}

/* The packed weights of channel ch (K rows of K-1 words: P_0, Q_0, P_1, Q_1, ..., see the header comment).
 * filter: 1 x K x K x C. */
TF_DW_DSP_AI void tf_dw_dsp_pack(const int8_t *filter, int32_t ch, int32_t *wc, const int32_t k, const int32_t c)
{
    const int32_t m = (k - 1) / 2;
    int32_t fy, i;
    for (fy = 0; fy < k; ++fy, wc += k - 1) {
        const int8_t *f = filter + fy * k * c + ch;
        for (i = 0; i < m; ++i) {
            const uint32_t w0 = (uint32_t)(2 * f[2 * i * c]), w1 = (uint32_t)(2 * f[(2 * i + 1) * c]),
                           w2 = (uint32_t)(2 * f[(2 * i + 2) * c]);
            wc[2 * i] = (int32_t)((w0 & 0xFFFFu) | (w1 << 16));
            wc[2 * i + 1] = (int32_t)((w1 & 0xFFFFu) | (w2 << 16));
        }
    }
}

/* tf_dw_dsp_pack of the 4 channels c0 .. c0 + 3 at once: per tap one word of the 4 channels' weights, SXTB16 (channels
 * 0, 2 and 1, 3) doubled, regrouped per channel with PKHBT / PKHTB as the ring rows are. */
TF_DW_DSP_AI void tf_dw_dsp_pack4(const int8_t *filter, int32_t c0, int32_t wpk[4][7 * 6], const int32_t k,
                                  const int32_t c)
{
    const int32_t m = (k - 1) / 2;
    int32_t fy, t, i;
    for (fy = 0; fy < k; ++fy) {
        int32_t e[7], o[7];
        int32_t *w0 = wpk[0] + fy * (k - 1), *w1 = wpk[1] + fy * (k - 1), *w2 = wpk[2] + fy * (k - 1),
                *w3 = wpk[3] + fy * (k - 1);
        for (t = 0; t < k; ++t) {
            int32_t v;
            memcpy(&v, filter + (fy * k + t) * c + c0, 4);
            e[t] = tf_dw_dsp_sxtab16(0, v);
            o[t] = tf_dw_dsp_sxtab16_ror8(0, v);
            e[t] = tf_dw_dsp_sadd16(e[t], e[t]);
            o[t] = tf_dw_dsp_sadd16(o[t], o[t]);
        }
        for (i = 0; i < m; ++i) {
            w0[2 * i] = tf_dw_dsp_lows(e[2 * i], e[2 * i + 1]);
            w1[2 * i] = tf_dw_dsp_lows(o[2 * i], o[2 * i + 1]);
            w2[2 * i] = tf_dw_dsp_highs(e[2 * i], e[2 * i + 1]);
            w3[2 * i] = tf_dw_dsp_highs(o[2 * i], o[2 * i + 1]);
            w0[2 * i + 1] = tf_dw_dsp_lows(e[2 * i + 1], e[2 * i + 2]);
            w1[2 * i + 1] = tf_dw_dsp_lows(o[2 * i + 1], o[2 * i + 2]);
            w2[2 * i + 1] = tf_dw_dsp_highs(e[2 * i + 1], e[2 * i + 2]);
            w3[2 * i + 1] = tf_dw_dsp_highs(o[2 * i + 1], o[2 * i + 2]);
        }
    }
}

/* One group of nc channels from channel c0 (nc a constant). The ring holds `slots` consecutive input rows from row
 * `base` (slot iy - base; 4 channel rows of rs int16 each), so an output row's filter rows are equally spaced; when
 * a row would pass the last slot, the rows still needed move to the front. */
TF_DW_DSP_AI void tf_dw_dsp_group(const int8_t *in, int8_t *out, const int8_t *filter,
                                  const tf_conv_1x1_dsp_chan *chans, int16_t *ring, int32_t c0,
                                  const int32_t nc, const int32_t in_h, const int32_t in_w, const int32_t c,
                                  const int32_t out_h, const int32_t out_w, const int32_t k, const int32_t sh,
                                  const int32_t sw, const int32_t pad_t, const int32_t pad_l,
                                  const int32_t input_offset, const int32_t act_min, const int32_t act_max)
{
    const int32_t cols = (out_w - 1) * sw + k, rs = tf_dw_dsp_row_stride(k, sw, out_w), row = 4 * rs;
    const int32_t slots = TF_DW_DSP_LAYER_RING_BYTES / 2 / row;
    int32_t wpk[4][7 * 6];
    /* the first input row of the last output row; whether every row's filter rows inside the image are all 3, the
     * first 2 or the last 2 of a 3x3 filter (the unrolled forms: no rolled loop to emit) */
    const int32_t last_iy0 = (out_h - 1) * sh - pad_t;
    const int borders3 = k == 3 && pad_t <= 1 && last_iy0 <= in_h - 2 && in_h >= 2;
    int32_t oy, j, base = 0, filled = -1;
    if (nc == 4) {
        tf_dw_dsp_pack4(filter, c0, wpk, k, c);
    } else {
        for (j = 0; j < nc; ++j) tf_dw_dsp_pack(filter, c0 + j, wpk[j], k, c);
    }
#pragma GCC unroll 1
    for (oy = 0; oy < out_h; ++oy) {
        const int32_t iy0 = oy * sh - pad_t;
        const int32_t fy_lo = iy0 < 0 ? -iy0 : 0, fy_hi = iy0 + k > in_h ? in_h - iy0 : k;
        const int32_t lo = iy0 + fy_lo, hi = iy0 + fy_hi; /* input rows lo .. hi - 1 */
        int8_t *y = out + oy * out_w * c + c0;
        const int16_t *x;
        if (hi - 1 - base >= slots) {
            if (filled >= lo) memmove(ring, ring + (lo - base) * row, (size_t)((filled - lo + 1) * row) * 2);
            base = lo;
        }
        for (; filled < hi - 1; ++filled) {
            const int32_t iy = filled + 1 > lo ? filled + 1 : lo;
            filled = iy - 1;
            tf_dw_dsp_fill(in + c0, ring + (iy - base) * row, iy, nc, in_w, c, pad_l, cols, rs, input_offset);
        }
        x = ring + (lo - base) * row;
#pragma GCC unroll 1
        for (j = 0; j < nc; ++j) {
            if (fy_lo == 0 && fy_hi == k) {
                tf_dw_dsp_channel_row(x + j * rs, row, wpk[j], chans + c0 + j, y + j, 0, k, out_w, k, sw, c, act_min,
                                      act_max);
            } else if (k == 3 && pad_t == 1 && fy_lo == 1 && fy_hi == 3) { /* 3x3 borders unrolled too */
                tf_dw_dsp_channel_row(x + j * rs, row, wpk[j], chans + c0 + j, y + j, 1, 3, out_w, k, sw, c, act_min,
                                      act_max);
            } else if (k == 3 && last_iy0 + 3 > in_h && fy_lo == 0 && fy_hi == 2) {
                tf_dw_dsp_channel_row(x + j * rs, row, wpk[j], chans + c0 + j, y + j, 0, 2, out_w, k, sw, c, act_min,
                                      act_max);
            } else if (!borders3) {
                tf_dw_dsp_channel_row(x + j * rs, row, wpk[j], chans + c0 + j, y + j, fy_lo, fy_hi, out_w, k, sw, c,
                                      act_min, act_max);
            }
        }
    }
}

/* The layer (batch 1): out may be in (in place, see the header comment). */
TF_DW_DSP_AI void tf_depthwise_conv_s8_dsp_layer(const int8_t *in, int8_t *out, const int8_t *filter,
                                                 const tf_conv_1x1_dsp_chan *chans,
                                                 const int32_t in_h, const int32_t in_w, const int32_t c,
                                                 const int32_t out_h, const int32_t out_w, const int32_t k,
                                                 const int32_t sh, const int32_t sw, const int32_t pad_t,
                                                 const int32_t pad_l,
                                                 const int32_t input_offset, const int32_t act_min,
                                                 const int32_t act_max)
{
    int32_t ring_words[TF_DW_DSP_LAYER_RING_BYTES / 4];
    int16_t *ring = (int16_t *)(void *)ring_words;
    int32_t c0;
    /* the padding columns (and the word past the last column) stay 0: fills write only image columns, moves whole rows */
    memset(ring_words, 0, sizeof ring_words);
#pragma GCC unroll 1
    for (c0 = 0; c0 + 4 <= c; c0 += 4) {
        tf_dw_dsp_group(in, out, filter, chans, ring, c0, 4, in_h, in_w, c, out_h, out_w, k, sh, sw,
                        pad_t, pad_l, input_offset, act_min, act_max);
    }
    if (c % 4 != 0) {
        tf_dw_dsp_group(in, out, filter, chans, ring, c - c % 4, c % 4, in_h, in_w, c, out_h, out_w,
                        k, sh, sw, pad_t, pad_l, input_offset, act_min, act_max);
    }
}

#endif
