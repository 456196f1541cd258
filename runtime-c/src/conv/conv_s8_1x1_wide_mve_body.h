/* CONV_2D int8 1x1, stride 1, no padding, no groups, more than 16 input channels (up to TF_PW_MAX_IN), for
 * Helium (MVE), specialized per layer (the compiler emits a static function per layer calling
 * tf_conv_s8_1x1_wide_mve_body with the pixel count, channel counts, in-place flag and kinds of shifts and
 * activation as literal constants).
 *
 * Three pixels against two filters: six VMLADAVA sums per 16 input channels (3 input and 2 weight loads for
 * 96 MACs). Six, because VMLADAV accumulates only into even-numbered general-purpose registers: with eight
 * sums (two pixels against four filters) gcc moves or spills some on every step. The multiply-accumulate
 * loop is assembly (gcc, given six VMLADAVA chains in C, hoists and spills the loads and moves sums between
 * odd and even registers): per 16 input channels 5 loads, 6 VMLADAVA and the LE of a low-overhead loop.
 * Each group's three pixels are first copied to the stack interleaved by 16 input channels, the last 16
 * zero-padded (so one pointer walks them and the weights past K, the next filter's, meet zeros); the sums
 * start at the folded biases; the three sums of a filter are requantized as one vector (lane 3 repeats
 * lane 2) with the channel's constants as scalars, as in conv_s8_1x1_narrow_mve_body.h (same table, same
 * exactness argument, the RELU fix-up left out the same way), and scattered to the 3 pixels by one store.
 *
 * Order and bytes: groups of 3 pixels (the last one short when pixels % 3 != 0, its missing pixels
 * repeating its last: the same bytes stored twice). In place (out == in): last group first when OC > K
 * (the short group, pixels 0.., last of all), first group first otherwise, as tf_conv_s8_1x1_inplace. Each
 * group's inputs are copied before any of its outputs is written, so out of place an output may overlap
 * only inputs of pixels before its group (within PixelWindows' unit of 4 pixels).
 * Portable C where __ARM_FEATURE_MVE is absent, same results. */
#ifndef CONV_S8_1X1_WIDE_MVE_BODY_H
#define CONV_S8_1X1_WIDE_MVE_BODY_H

#include "conv_s8_1x1_narrow_mve_body.h"

#if defined(__ARM_FEATURE_MVE)
/* The 3 sums of one filter (constants q), the folded bias included, requantized and stored at y + yo. */
static inline __attribute__((always_inline)) void tf_pw_wide_store(int32_t s0, int32_t s1, int32_t s2, const int32_t *q,
                                                                  int8_t *y, uint32x4_t yo, int32_t output_offset,
                                                                  int32x4_t lo, int32x4_t hi, const int kind)
{
    tf_pw_requant_store(tf_mve_vec4(s0, s1, s2, s2), q, y, yo, output_offset, lo, hi, kind | TF_PW_BIASED);
}

/* The multiply-accumulate loop over `count` 16s (count >= 1) of the interleaved inputs x and the weights w0,
 * w1, then (tail) one more 16 with the weights predicated to `rest` lanes (w1's row ends the array). */
#define TF_PW_WIDE_MACS(tail)                                                                                 \
    __asm__ volatile("dls lr, %[n]\n"                                                                        \
                     "1:\n\t"                                                                                 \
                     "vldrb.u8 %q[u0], [%[x]], #16\n\t"                                                       \
                     "vldrb.u8 %q[u1], [%[x]], #16\n\t"                                                       \
                     "vldrb.u8 %q[u2], [%[x]], #16\n\t"                                                       \
                     "vldrb.u8 %q[v0], [%[w0]], #16\n\t"                                                      \
                     "vldrb.u8 %q[v1], [%[w1]], #16\n\t"                                                      \
                     "vmlava.s8 %[a0], %q[u0], %q[v0]\n\t"                                                    \
                     "vmlava.s8 %[a1], %q[u1], %q[v0]\n\t"                                                    \
                     "vmlava.s8 %[a2], %q[u2], %q[v0]\n\t"                                                    \
                     "vmlava.s8 %[b0], %q[u0], %q[v1]\n\t"                                                    \
                     "vmlava.s8 %[b1], %q[u1], %q[v1]\n\t"                                                    \
                     "vmlava.s8 %[b2], %q[u2], %q[v1]\n\t"                                                    \
                     "le lr, 1b\n\t"                                                                          \
                     tail                                                                                     \
                     : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [b0] "+Te"(b0), [b1] "+Te"(b1),         \
                       [b2] "+Te"(b2), [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1), [u0] "=&w"(u0),               \
                       [u1] "=&w"(u1), [u2] "=&w"(u2), [v0] "=&w"(v0), [v1] "=&w"(v1)                           \
                     : [n] "r"(count), [k] "r"(rest)                                                          \
                     : "lr", "p0", "memory")

/* Filters oc and oc + 1 against the group's interleaved inputs x (CH 16s per pixel); `last`: the final pair,
 * whose second row ends the weights. */
static inline __attribute__((always_inline)) void tf_pw_wide_pair(const int8_t *filter, const int32_t *consts,
                                                                 const int8_t *x, int8_t *y, uint32x4_t yo, int32_t oc,
                                                                 const int32_t K, int32_t output_offset, int32x4_t lo,
                                                                 int32x4_t hi, const int kind, const int last)
{
    const int32_t CH = (K + 15) / 16;
    const int8_t *w0 = filter + oc * K, *w1 = w0 + K;
    const int32_t *q0 = consts + 4 * oc;
    const uint32_t count = (uint32_t)(last ? CH - 1 : CH), rest = (uint32_t)(K - 16 * (CH - 1));
    int32_t a0 = q0[0], a1, a2, b0 = q0[4], b1, b2;
    int8x16_t u0, u1, u2, v0, v1;
    /* separate values (gcc cannot give one value to two in-out operands) */
    a1 = a0;
    a2 = a0;
    b1 = b0;
    b2 = b0;
    __asm__("" : "+r"(a1));
    __asm__("" : "+r"(a2));
    __asm__("" : "+r"(b1));
    __asm__("" : "+r"(b2));
    /* K > 16: count >= 1 */
#if !defined(__OPTIMIZE__)
    /* unoptimized builds (a frame pointer, no register to spare for the assembly's operands): intrinsics */
    {
        uint32_t c;
        for (c = 0; c <= count; ++c) {
            const mve_pred16_t p = vctp8q(c < count ? 16u : rest);
            u0 = vldrbq_s8(x + 48 * c);
            u1 = vldrbq_s8(x + 48 * c + 16);
            u2 = vldrbq_s8(x + 48 * c + 32);
            v0 = c < count || !last ? vldrbq_s8(w0 + 16 * c) : vldrbq_z_s8(w0 + 16 * c, p);
            v1 = c < count || !last ? vldrbq_s8(w1 + 16 * c) : vldrbq_z_s8(w1 + 16 * c, p);
            a0 = vmladavaq_s8(a0, u0, v0);
            a1 = vmladavaq_s8(a1, u1, v0);
            a2 = vmladavaq_s8(a2, u2, v0);
            b0 = vmladavaq_s8(b0, u0, v1);
            b1 = vmladavaq_s8(b1, u1, v1);
            b2 = vmladavaq_s8(b2, u2, v1);
            if (!last && c + 1 == count) break; /* not last: count covers every 16 */
        }
    }
#else
    if (!last) {
        TF_PW_WIDE_MACS("");
    } else {
        TF_PW_WIDE_MACS("vctp.8 %[k]\n\t"
                        "vldrb.u8 %q[u0], [%[x]], #16\n\t"
                        "vldrb.u8 %q[u1], [%[x]], #16\n\t"
                        "vldrb.u8 %q[u2], [%[x]]\n\t"
                        "vpstt\n\t"
                        "vldrbt.u8 %q[v0], [%[w0]]\n\t"
                        "vldrbt.u8 %q[v1], [%[w1]]\n\t"
                        "vmlava.s8 %[a0], %q[u0], %q[v0]\n\t"
                        "vmlava.s8 %[a1], %q[u1], %q[v0]\n\t"
                        "vmlava.s8 %[a2], %q[u2], %q[v0]\n\t"
                        "vmlava.s8 %[b0], %q[u0], %q[v1]\n\t"
                        "vmlava.s8 %[b1], %q[u1], %q[v1]\n\t"
                        "vmlava.s8 %[b2], %q[u2], %q[v1]");
    }
#endif
    tf_pw_wide_store(a0, a1, a2, q0, y + oc, yo, output_offset, lo, hi, kind);
    tf_pw_wide_store(b0, b1, b2, q0 + 4, y + oc + 1, yo, output_offset, lo, hi, kind);
}
#undef TF_PW_WIDE_MACS
#endif

/* Group pixel j < n (1 to 3) at x + j * K -> y + j * OC, every output channel (OC even). */
static inline __attribute__((always_inline)) void tf_pw_wide_group(const int8_t *filter, const int32_t *consts,
                                                                  const int8_t *x, int8_t *y, const int32_t n,
                                                                  const int32_t K, const int32_t OC,
                                                                  int32_t output_offset, int32_t act_min,
                                                                  int32_t act_max, const int kind)
{
#if defined(__ARM_FEATURE_MVE)
    const int32_t CH = (K + 15) / 16;
    int8_t group[3 * 16 * ((TF_PW_MAX_IN + 15) / 16)]; /* 16s of pixels 0, 1, 2, then the next 16s */
    const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
    /* lane j stores at pixel min(j, n - 1), lane 3 as lane 2 */
    const uint32x4_t yo = vminq_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)OC), vdupq_n_u32((uint32_t)((n > 2 ? 2 : n - 1) * OC)));
    const int8_t *src1 = x + (n > 1 ? K : 0), *src2 = x + (n > 2 ? 2 * K : n > 1 ? K : 0);
    int32_t c, oc;
    for (c = 0; c < CH; ++c) {
        const mve_pred16_t p = vctp8q((uint32_t)(K - 16 * c));
        vstrbq_s8(group + 48 * c, vldrbq_z_s8(x + 16 * c, p));
        vstrbq_s8(group + 48 * c + 16, vldrbq_z_s8(src1 + 16 * c, p));
        vstrbq_s8(group + 48 * c + 32, vldrbq_z_s8(src2 + 16 * c, p));
    }
    for (oc = 0; oc + 2 < OC; oc += 2) {
        tf_pw_wide_pair(filter, consts, group, y, yo, oc, K, output_offset, lo, hi, kind, 0);
    }
    tf_pw_wide_pair(filter, consts, group, y, yo, oc, K, output_offset, lo, hi, kind, 1);
#else
    int8_t group[3 * TF_PW_MAX_IN]; /* the group's inputs, read before any output is written, as with MVE */
    (void)kind;
    tf_pw_portable_group(filter, 0, consts, x, group, y, n, K, OC, output_offset, act_min, act_max);
#endif
}

/* The layer: pixels * K input bytes at in, pixels * OC output bytes at out (out == in when in_place). Every
 * argument after `out` is a constant at the call; OC even; kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_wide_mve_body(const tf_conv_params *params,
                                                                              const int8_t *filter, const int32_t *consts,
                                                                              const int8_t *in, int8_t *out,
                                                                              const int32_t pixels, const int32_t K,
                                                                              const int32_t OC, const int in_place,
                                                                              const int kind)
{
    const int32_t off = params->output_offset, lo = params->activation.min, hi = params->activation.max;
    const int last_first = in_place && OC > K;
    int32_t k;
    /* one inlined group for all, the short one included */
    for (k = 0; k < pixels; k += 3) {
        const int32_t left = pixels - k, n = left < 3 ? left : 3;
        const int32_t a = last_first ? left - n : k;
        tf_pw_wide_group(filter, consts, in + a * K, out + a * OC, n, K, OC, off, lo, hi, kind);
    }
}

#endif
