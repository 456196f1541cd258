/* CONV_2D int8 specialized per layer (ARMv7E-M DSP): the body a layer's own static function instantiates with
 * its shapes, strides, padding, offsets and activation bounds as literal constants (emitted by
 * backend/c/emitters/DspConvKernels.java), so gcc folds the index arithmetic and unrolls the tap loops.
 *
 * Arithmetic: per output pixel and channel, acc = bias + sum over taps of w * (x + input_offset), taps in the
 * padding contribute 0 (TFLM skips them), then clamp(MBQM(acc) + output_offset) with every shift a right shift
 * e = -shift >= 1: (SMMLAR(2 * acc, M, add) + (2 * acc >> 31)) >> e with add = 2^(e-1) + output_offset * 2^e (the
 * derivation of tf_conv_1x1_dsp_requant in conv_s8_1x1_dsp_body.h; the emitter checks that 2 * acc and v + add stay
 * inside int32 for every input and uses this body only then). Wide filters hold 2 * w and the bias is doubled with
 * them, so their sums are 2 * acc already. int32 wrap-around addition is order independent, so results equal
 * tf_conv_s8_nhwc's.
 *
 * Layout. Filter taps k = f_h * f_w * in_c in OHWI order, each channel's row padded with zero weights to kp, a
 * multiple of 4 (kp == k needs no copy: the model's own weights); or, "wide" (small first layers), each group of 4
 * taps as two int32 words of int16 pairs (w0, w2) and (w1, w3), prepared at compile time. Two output pixels at a
 * time: their taps as int16 x + input_offset (0 in the padding) in one interleaved column, per group of 4 taps the
 * words {p0 taps (0, 2), p0 taps (1, 3), p1 taps (0, 2), p1 taps (1, 3)}, the halves SXTB16 makes of 4 weight bytes
 * and its ROR #8 form; then per pair of output channels a 2x2 block of SMLADs over the column (per 4 taps two LDRD
 * of the column, two weight words (LDR + 2 SXTB16 each, or one LDRD when wide), eight SMLAD).
 * Order: pixel order in pairs, both pixels' taps gathered before either's outputs are written (the overlapped
 * plan's pixel-order contract, blocks of at most 4 pixels). Stack: kp * 4 bytes of column (+ kp bytes of gathered
 * bytes when in_c % 4 != 0). Without __ARM_FEATURE_DSP the same code runs in portable C (SMLAD emulated). */
#ifndef TF_CONV_S8_DSP_BODY_H
#define TF_CONV_S8_DSP_BODY_H

#include <stdint.h>
#include <string.h>
#include "tf_types.h"
#include "tf_quant.h"
#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"
#endif

/* One output channel's constants, prepared at compile time: the bias (doubled for a wide filter), TFLite's multiplier,
 * add = 2^(e-1) + output_offset * 2^e and e = -shift. */
typedef struct {
    int32_t bias, multiplier, add, shift;
} tf_conv_dsp_chan;

/* Literal shapes of one layer (the layer's function declares it const with literal fields; the body is always
 * inlined, so every field folds to a constant). */
typedef struct {
    int32_t in_h, in_w, in_c, f_h, f_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t out_h, out_w, out_c, batches, kp, input_offset, act_min, act_max;
    int32_t wide; /* the filter as ready int16 pairs of doubled taps (tf_conv_dsp_weights) */
} tf_conv_dsp_shape;

/* clamp(MBQM(acc) + output_offset) from acc2 = 2 * acc (see the header comment), constants from the table. */
static inline __attribute__((always_inline)) int32_t tf_conv_dsp_out(const tf_conv_dsp_chan *c, int32_t acc2,
                                                                    const int32_t act_min, const int32_t act_max)
{
#if defined(__ARM_FEATURE_DSP)
    int32_t v;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(v) : "r"(acc2), "r"(c->multiplier), "r"(c->add));
#else
    int32_t v = (int32_t)(((int64_t)acc2 * c->multiplier + (int64_t)c->add * 4294967296LL + ((int64_t)1 << 31)) >> 32);
#endif
    v = (v + (acc2 >> 31)) >> c->shift;
#if defined(__ARM_FEATURE_DSP)
    v = __ssat(v, 8);
    if (act_min > TF_INT8_MIN) v = v < act_min ? act_min : v;
    if (act_max < TF_INT8_MAX) v = v > act_max ? act_max : v;
#else
    v = tf_clamp_i32(v, act_min, act_max);
#endif
    return v;
}

/* n bytes (n % 4 == 0) of src as int16 x + input_offset: per group of 4 the words (taps 0, 2) and (taps 1, 3) at
 * dst[0], dst[1], the next group at dst[4] (the other pixel's words between). */
static inline __attribute__((always_inline)) int32_t *tf_conv_dsp_widen(const int8_t *src, const int32_t n, int32_t *dst,
                                                                        int32_t input_offset)
{
    int32_t g;
#if defined(__ARM_FEATURE_DSP)
    const int32_t off2 = tf_dsp_pack_offset(input_offset);
#pragma GCC unroll 4
    for (g = 0; g < n; g += 4, dst += 4) {
        const int32_t v = tf_dsp_load4(src + g);
        dst[0] = __sxtab16(off2, v);
        dst[1] = tf_dsp_sxtab16_ror8(off2, v);
    }
#else
    for (g = 0; g < n; g += 4, dst += 4) {
        int32_t j;
        for (j = 0; j < 2; ++j) {
            dst[j] = (int32_t)(((uint32_t)(src[g + j + 2] + input_offset) << 16) |
                               ((uint32_t)(src[g + j] + input_offset) & 0xFFFFu));
        }
    }
#endif
    return dst;
}

/* The taps of output pixel (b, oy, ox) as int16 x + input_offset, per group of 4 taps two words (SXTB16 order: taps
 * 0 and 2, taps 1 and 3) at col[0], col[1], then col[4], col[5], ... (the other pixel's words between); 0 in the
 * padding and past k. bytes: kp bytes of scratch (used when in_c % 4 != 0). */
static inline __attribute__((always_inline)) void tf_conv_dsp_gather(const tf_conv_dsp_shape *s, const int8_t *in,
                                                                     int32_t b, int32_t oy, int32_t ox, int32_t *col,
                                                                     int8_t *bytes)
{
    const int32_t iy0 = oy * s->stride_h - s->pad_top, ix0 = ox * s->stride_w - s->pad_left;
    const int32_t row = s->in_w * s->in_c;
    const int8_t *img = in + b * s->in_h * row;
    int32_t fy, fx, g;
    const int inside = iy0 >= 0 && iy0 + s->dil_h * (s->f_h - 1) < s->in_h && ix0 >= 0 &&
                       ix0 + s->dil_w * (s->f_w - 1) < s->in_w;
    if (s->in_c % 4 == 0) {
        /* groups of 4 taps lie inside one input pixel: convert straight from the input */
        int32_t *dst = col;
        if (inside && s->dil_w == 1) {
            /* each window row is f_w * in_c contiguous bytes */
            for (fy = 0; fy < s->f_h; ++fy) {
                dst = tf_conv_dsp_widen(img + (iy0 + s->dil_h * fy) * row + ix0 * s->in_c, s->f_w * s->in_c, dst,
                                        s->input_offset);
            }
            return;
        }
        for (fy = 0; fy < s->f_h; ++fy) {
            const int32_t iy = iy0 + s->dil_h * fy;
            for (fx = 0; fx < s->f_w; ++fx) {
                const int32_t ix = ix0 + s->dil_w * fx;
                if (iy >= 0 && iy < s->in_h && ix >= 0 && ix < s->in_w) {
                    dst = tf_conv_dsp_widen(img + iy * row + ix * s->in_c, s->in_c, dst, s->input_offset);
                } else {
                    for (g = 0; g < s->in_c; g += 4, dst += 4) {
                        dst[0] = 0;
                        dst[1] = 0;
                    }
                }
            }
        }
    } else {
        /* gather the bytes (the zero point in the padding, so that x + offset is 0), then convert */
        const int8_t zero_point = (int8_t)(-s->input_offset);
        const int32_t k = s->f_h * s->f_w * s->in_c;
        int8_t *dst = bytes;
        if (inside && s->dil_w == 1) {
            /* the window inside the image: each of its rows is f_w * in_c contiguous bytes */
            for (fy = 0; fy < s->f_h; ++fy, dst += s->f_w * s->in_c) {
                memcpy(dst, img + (iy0 + s->dil_h * fy) * row + ix0 * s->in_c, (size_t)(s->f_w * s->in_c));
            }
        } else {
            for (fy = 0; fy < s->f_h; ++fy) {
                const int32_t iy = iy0 + s->dil_h * fy;
                for (fx = 0; fx < s->f_w; ++fx, dst += s->in_c) {
                    const int32_t ix = ix0 + s->dil_w * fx;
                    if (iy >= 0 && iy < s->in_h && ix >= 0 && ix < s->in_w) {
                        memcpy(dst, img + iy * row + ix * s->in_c, (size_t)s->in_c);
                    } else {
                        memset(dst, zero_point, (size_t)s->in_c);
                    }
                }
            }
        }
        for (g = k; g < s->kp; ++g) {
            bytes[g] = zero_point;
        }
        tf_conv_dsp_widen(bytes, s->kp, col, s->input_offset);
    }
}

/* SMLAD: acc + x.lo * y.lo + x.hi * y.hi (wrapping), or its portable twin. */
static inline __attribute__((always_inline)) int32_t tf_conv_dsp_smlad(int32_t x, int32_t y, int32_t acc)
{
#if defined(__ARM_FEATURE_DSP)
    return __smlad(x, y, acc);
#else
    return (int32_t)((uint32_t)acc + (uint32_t)((int32_t)(int16_t)x * (int16_t)y) +
                     (uint32_t)((x >> 16) * (y >> 16)));
#endif
}

/* The weight words of taps 4g..4g+3 of a filter row as int16 pairs in SXTB16 order: *e = (w0, w2), *o = (w1, w3).
 * wide: the row holds them ready (int32 words, prepared at compile time); else int8 taps in OHWI order. */
static inline __attribute__((always_inline)) void tf_conv_dsp_weights(const void *row, int32_t g, const int wide,
                                                                     int32_t *e, int32_t *o)
{
    if (wide) {
        *e = ((const int32_t *)row)[2 * g];
        *o = ((const int32_t *)row)[2 * g + 1];
    } else {
        const int8_t *w = (const int8_t *)row + 4 * g;
#if defined(__ARM_FEATURE_DSP)
        const int32_t v = tf_dsp_load4(w);
        *e = __sxtb16(v);
        *o = tf_dsp_sxtb16_ror8(v);
#else
        *e = (int32_t)(((uint32_t)w[2] << 16) | ((uint32_t)w[0] & 0xFFFFu));
        *o = (int32_t)(((uint32_t)w[3] << 16) | ((uint32_t)w[1] & 0xFFFFu));
#endif
    }
}

/* Filter row o: kp int8 taps, or (wide) kp / 2 int32 words. */
static inline __attribute__((always_inline)) const void *tf_conv_dsp_row(const void *filter, int32_t o, const int32_t kp,
                                                                        const int wide)
{
    return wide ? (const void *)((const int32_t *)filter + o * (kp / 2)) : (const void *)((const int8_t *)filter + o * kp);
}

/* acc[p][o] += column p . filter row o over kp taps (kp % 4 == 0), rows w0 and its successor. On DSP cores one asm
 * block per group of 4 taps (gcc's own schedule of the same instructions spills accumulators): 2 LDRD of the column,
 * then per row 2 weight words (one LDRD when wide, else one LDR and 2 SXTB16) and 4 SMLAD; at most 13 registers. */
static inline __attribute__((always_inline)) void tf_conv_dsp_dot_2x2(const int32_t *col, const void *w0,
                                                                      const int32_t kp, const int wide, int32_t *s00,
                                                                      int32_t *s01, int32_t *s10, int32_t *s11)
{
    int32_t a00 = *s00, a01 = *s01, a10 = *s10, a11 = *s11, i;
#if defined(__ARM_FEATURE_DSP)
    const int32_t *c = col;
    const void *w = w0;
    if (wide) {
#pragma GCC unroll 8
        for (i = 0; i < kp; i += 4) {
            int32_t c0, c1, c2, c3, e, o;
            __asm__("ldrd %[c0], %[c1], [%[c]], #8\n\t"
                    "ldrd %[c2], %[c3], [%[c]], #8\n\t"
                    "ldrd %[e], %[o], [%[w], #%c[next]]\n\t"
                    "smlad %[a01], %[c0], %[e], %[a01]\n\t"
                    "smlad %[a11], %[c2], %[e], %[a11]\n\t"
                    "smlad %[a01], %[c1], %[o], %[a01]\n\t"
                    "smlad %[a11], %[c3], %[o], %[a11]\n\t"
                    "ldrd %[e], %[o], [%[w]], #8\n\t"
                    "smlad %[a00], %[c0], %[e], %[a00]\n\t"
                    "smlad %[a10], %[c2], %[e], %[a10]\n\t"
                    "smlad %[a00], %[c1], %[o], %[a00]\n\t"
                    "smlad %[a10], %[c3], %[o], %[a10]"
                    : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [c] "+r"(c), [w] "+r"(w),
                      [c0] "=&r"(c0), [c1] "=&r"(c1), [c2] "=&r"(c2), [c3] "=&r"(c3), [e] "=&r"(e), [o] "=&r"(o)
                    : [next] "n"(kp * 2)
                    : "memory");
        }
    } else {
#pragma GCC unroll 8
        for (i = 0; i < kp; i += 4) {
            int32_t c0, c1, c2, c3, v, e, o;
            __asm__("ldr %[v], [%[w], #%c[next]]\n\t"
                    "ldrd %[c0], %[c1], [%[c]], #8\n\t"
                    "ldrd %[c2], %[c3], [%[c]], #8\n\t"
                    "sxtb16 %[e], %[v]\n\t"
                    "sxtb16 %[o], %[v], ror #8\n\t"
                    "smlad %[a01], %[c0], %[e], %[a01]\n\t"
                    "smlad %[a11], %[c2], %[e], %[a11]\n\t"
                    "smlad %[a01], %[c1], %[o], %[a01]\n\t"
                    "smlad %[a11], %[c3], %[o], %[a11]\n\t"
                    "ldr %[v], [%[w]], #4\n\t"
                    "sxtb16 %[e], %[v]\n\t"
                    "sxtb16 %[o], %[v], ror #8\n\t"
                    "smlad %[a00], %[c0], %[e], %[a00]\n\t"
                    "smlad %[a10], %[c2], %[e], %[a10]\n\t"
                    "smlad %[a00], %[c1], %[o], %[a00]\n\t"
                    "smlad %[a10], %[c3], %[o], %[a10]"
                    : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [c] "+r"(c), [w] "+r"(w),
                      [c0] "=&r"(c0), [c1] "=&r"(c1), [c2] "=&r"(c2), [c3] "=&r"(c3), [v] "=&r"(v), [e] "=&r"(e),
                      [o] "=&r"(o)
                    : [next] "n"(kp)
                    : "memory");
        }
    }
#else
    const void *w1 = tf_conv_dsp_row(w0, 1, kp, wide);
    for (i = 0; i < kp; i += 4, col += 4) {
        int32_t e0, o0, e1, o1;
        tf_conv_dsp_weights(w0, i / 4, wide, &e0, &o0);
        tf_conv_dsp_weights(w1, i / 4, wide, &e1, &o1);
        a00 = tf_conv_dsp_smlad(col[1], o0, tf_conv_dsp_smlad(col[0], e0, a00));
        a10 = tf_conv_dsp_smlad(col[3], o0, tf_conv_dsp_smlad(col[2], e0, a10));
        a01 = tf_conv_dsp_smlad(col[1], o1, tf_conv_dsp_smlad(col[0], e1, a01));
        a11 = tf_conv_dsp_smlad(col[3], o1, tf_conv_dsp_smlad(col[2], e1, a11));
    }
#endif
    *s00 = a00;
    *s01 = a01;
    *s10 = a10;
    *s11 = a11;
}

/* Two outputs of channel c (pixels p, q) from their accumulators (already doubled when wide). */
static inline __attribute__((always_inline)) void tf_conv_dsp_store(const tf_conv_dsp_shape *s, const tf_conv_dsp_chan *c,
                                                                   int32_t acc0, int32_t acc1, int8_t *y0, int8_t *y1)
{
    const int32_t v1 = tf_conv_dsp_out(c, s->wide ? acc1 : acc1 + acc1, s->act_min, s->act_max);
    const int32_t v0 = tf_conv_dsp_out(c, s->wide ? acc0 : acc0 + acc0, s->act_min, s->act_max);
    *y1 = (int8_t)v1;
    *y0 = (int8_t)v0;
}

/* The whole layer: filter is [out_c][kp] int8 (zero-padded rows) or, wide, [out_c][kp / 2] int32 weight words; chan
 * the out_c constant sets; col holds kp int32 (the two pixels' interleaved columns), bytes kp int8. */
static inline __attribute__((always_inline)) void tf_conv_s8_dsp_body(const tf_conv_dsp_shape *s, const int8_t *in,
                                                                      const void *filter,
                                                                      const tf_conv_dsp_chan *chan, int8_t *out,
                                                                      int32_t *col, int8_t *bytes)
{
    const int32_t per_image = s->out_h * s->out_w, pixels = s->batches * per_image, kp = s->kp, out_c = s->out_c;
    int32_t p, oc;
    for (p = 0; p < pixels; p += 2) {
        /* an odd last pixel is computed twice (same bytes written twice) */
        const int32_t q = p + 1 < pixels ? p + 1 : p;
        int8_t *y0 = out + p * out_c, *y1 = out + q * out_c;
        tf_conv_dsp_gather(s, in, p / per_image, (p % per_image) / s->out_w, p % s->out_w, col, bytes);
        tf_conv_dsp_gather(s, in, q / per_image, (q % per_image) / s->out_w, q % s->out_w, col + 2, bytes);
        for (oc = 0; oc + 2 <= out_c; oc += 2) {
            const tf_conv_dsp_chan *c0 = chan + oc, *c1 = c0 + 1;
            int32_t a00 = c0->bias, a01 = c1->bias, a10 = c0->bias, a11 = c1->bias;
            tf_conv_dsp_dot_2x2(col, tf_conv_dsp_row(filter, oc, kp, s->wide), kp, s->wide, &a00, &a01, &a10, &a11);
            tf_conv_dsp_store(s, c0, a00, a10, y0 + oc, y1 + oc);
            tf_conv_dsp_store(s, c1, a01, a11, y0 + oc + 1, y1 + oc + 1);
        }
        if (out_c % 2 != 0) {
            /* the last channel alone (its row has no successor to read) */
            const tf_conv_dsp_chan *c0 = chan + out_c - 1;
            const void *w = tf_conv_dsp_row(filter, out_c - 1, kp, s->wide);
            int32_t a0 = c0->bias, a1 = c0->bias, i;
            for (i = 0; i < kp; i += 4) {
                int32_t e, o;
                tf_conv_dsp_weights(w, i / 4, s->wide, &e, &o);
                a0 = tf_conv_dsp_smlad(col[i + 1], o, tf_conv_dsp_smlad(col[i], e, a0));
                a1 = tf_conv_dsp_smlad(col[i + 3], o, tf_conv_dsp_smlad(col[i + 2], e, a1));
            }
            tf_conv_dsp_store(s, c0, a0, a1, y0 + out_c - 1, y1 + out_c - 1);
        }
    }
}

#endif
