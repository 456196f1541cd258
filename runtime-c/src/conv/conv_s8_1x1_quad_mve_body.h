/* CONV_2D int8 1x1, stride 1, no padding, no groups, 17 to 64 input channels, for Helium (MVE), specialized per
 * layer (the compiler emits a static function per layer calling tf_conv_s8_1x1_quad_mve_body with the pixel
 * count, channel counts, in-place flag and kinds of shifts and activation as literal constants).
 *
 * Four pixels against two filters: eight VMLADAV sums per 16 input channels (4 input and 2 weight loads for 128
 * MACs), every output channel needing the same 4 pixels' inputs. VMLADAV accumulates only into even-numbered
 * general-purpose registers, and there are exactly eight (r0 ... r12, lr): the multiply-accumulate steps are
 * one assembly block, unrolled over the (at most 4) 16s of input channels, the first 16 by VMLADAV (no
 * accumulator to clear). Each group's 4 pixels are first copied to the stack interleaved by 16 input channels,
 * the last 16 zero-padded (so one pointer walks them, and the weight bytes past K, the next filter's, meet zeros).
 * The two filters' sums (4 pixels each) are requantized with their channels' constants as scalars and narrowed
 * into one int16x8 (tf_pw_requant_store2 of conv_s8_1x1_narrow_mve_body.h: same constants table, same
 * exactness argument), stored to the 4 pixels' 2 channels by one byte scatter. An odd last channel is paired
 * with itself (both lanes of a pixel store the same byte at the same place).
 *
 * Order and bytes: groups of 4 pixels, all 4 inputs copied before any output of the group is written. In place
 * (out == in): last group first when OC > K, first group first otherwise, as tf_conv_s8_1x1_inplace; the pixels
 * % 4 left over (the first ones when last first, else the last ones) form the final group, its missing pixels
 * repeating its last (the same bytes stored twice). Out of place: groups in increasing order, so an output
 * overlaps only inputs of pixels at least 4 before it (PixelWindows' unit of 4 pixels).
 * Portable C where __ARM_FEATURE_MVE is absent, same results. */
#ifndef CONV_S8_1X1_QUAD_MVE_BODY_H
#define CONV_S8_1X1_QUAD_MVE_BODY_H

#include "conv_s8_1x1_narrow_mve_body.h"

/* Input channels up to which the quad body applies (4 x 16s). */
#define TF_PW_QUAD_MAX_IN 64

#if defined(__ARM_FEATURE_MVE) && defined(__OPTIMIZE__)
/* The pairs of filters as one assembly block: gcc, given the eight sums in C, moves them between registers and
 * spills the pointers and constants. Sums in r0, r2, ..., r12, lr (named, so that one LDM can then load both
 * channels' {bias, multiplier, right shift, left shift} over them). Operands: x the group's interleaved inputs
 * (walked and rewound), w0 the pair's first filter (the second read at w0 + K), q the constants, y the outputs,
 * n the pairs left (the loop) or the last 16's byte count (the last pair). */
#define TF_PW_Q_PIXEL(op, u, a, b)                                                                            \
    "vldrb.u8 %q[" u "], [%[x]], #16\n\t" op " %[" a "], %q[" u "], %q[v0]\n\t" op " %[" b "], %q[" u "], %q[v1]\n\t"
#define TF_PW_Q_SUMS(op)                                                                                      \
    TF_PW_Q_PIXEL(op, "u0", "a0", "b0") TF_PW_Q_PIXEL(op, "u1", "a1", "b1") TF_PW_Q_PIXEL(op, "u0", "a2", "b2")  \
        TF_PW_Q_PIXEL(op, "u1", "a3", "b3")
/* a 16 of both filters' weights, then the sums (op vmlav: the first 16) */
#define TF_PW_Q_16(op) "vldrb.u8 %q[v0], [%[w0]], #16\n\tvldrb.u8 %q[v1], [%[w0], #%c[k16]]\n\t" TF_PW_Q_SUMS(op)
/* the layer's last 16 of the last pair: predicated to n bytes (its rows may end the weights), zeros past them */
#define TF_PW_Q_16_TAIL(op)                                                                                   \
    "vctp.8 %[n]\n\tvpstt\n\tvldrbt.u8 %q[v0], [%[w0]]\n\tvldrbt.u8 %q[v1], [%[w0], #%c[w1t]]\n\t" TF_PW_Q_SUMS(op)
#define TF_PW_Q_MACS2 TF_PW_Q_16("vmlav.s8") TF_PW_Q_16("vmlava.s8")
#define TF_PW_Q_MACS3 TF_PW_Q_MACS2 TF_PW_Q_16("vmlava.s8")
#define TF_PW_Q_MACS4 TF_PW_Q_MACS3 TF_PW_Q_16("vmlava.s8")
#define TF_PW_Q_TAIL2 TF_PW_Q_16("vmlav.s8") TF_PW_Q_16_TAIL("vmlava.s8")
#define TF_PW_Q_TAIL3 TF_PW_Q_16("vmlav.s8") TF_PW_Q_16("vmlava.s8") TF_PW_Q_16_TAIL("vmlava.s8")
#define TF_PW_Q_TAIL4 TF_PW_Q_16("vmlav.s8") TF_PW_Q_16("vmlava.s8") TF_PW_Q_16("vmlava.s8") TF_PW_Q_16_TAIL("vmlava.s8")
/* the rounding fix-up of lanes u before the right shift by register r (common/tf_mve_s8.h): none (a RELU), all
 * shifts negative (x < 0: less 1), or any (less 1 where x < 0 and r < 0, from (x AND r) >> 31); v1 is free */
#define TF_PW_Q_FIX_NONE(u, r) ""
#define TF_PW_Q_FIX_NEG(u, r) "vshr.s32 %q[v1], %q[" u "], #31\n\tvqadd.s32 %q[" u "], %q[" u "], %q[v1]\n\t"
#define TF_PW_Q_FIX_ANY(u, r)                                                                                 \
    "vdup.32 %q[v1], " r "\n\tvand %q[v1], %q[v1], %q[" u "]\n\tvshr.s32 %q[v1], %q[v1], #31\n\t"                  \
    "vqadd.s32 %q[" u "], %q[" u "], %q[v1]\n\t"
#define TF_PW_Q_SHL_NONE(u, r) ""
#define TF_PW_Q_SHL(u, r) "vshl.s32 %q[" u "], " r "\n\t"
/* the 8 sums into u0 (first filter) and u1, requantized, narrowed into v0 and stored; w0 to the next pair, x back */
#define TF_PW_Q_REQUANT(FIX, SHL)                                                                             \
    "add %[w0], %[w0], #%c[wstep]\n\tsub %[x], %[x], #%c[xback]\n\t"                                           \
    "vmov %e[u0], %[a0], %[a1]\n\tvmov %f[u0], %[a2], %[a3]\n\tvmov %e[u1], %[b0], %[b1]\n\tvmov %f[u1], %[b2], %[b3]\n\t" \
    "ldm %[q]!, {r0, r2, r4, r6, r8, r10, r12, lr}\n\t"                                                       \
    "vadd.i32 %q[u0], %q[u0], r0\n\t" SHL("u0", "r6") "vqrdmulh.s32 %q[u0], %q[u0], r2\n\t" FIX("u0", "r4")     \
    "vrshl.s32 %q[u0], r4\n\t"                                                                                \
    "vadd.i32 %q[u1], %q[u1], r8\n\t" SHL("u1", "lr") "vqrdmulh.s32 %q[u1], %q[u1], r10\n\t" FIX("u1", "r12")   \
    "vrshl.s32 %q[u1], r12\n\t"                                                                               \
    "vqmovnb.s32 %q[v0], %q[u0]\n\tvqmovnt.s32 %q[v0], %q[u1]\n\tvqadd.s16 %q[v0], %q[v0], %q[zp]\n\t"        \
    "vmax.s16 %q[v0], %q[v0], %q[lo]\n\tvmin.s16 %q[v0], %q[v0], %q[hi]\n\tvstrb.16 %q[v0], [%[y], %q[off]]\n\t" \
    "add %[y], %[y], #2\n\t"
#define TF_PW_Q_ASM(text)                                                                                     \
    __asm__ volatile(text                                                                                     \
                     : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [b0] "=&r"(b0),          \
                       [b1] "=&r"(b1), [b2] "=&r"(b2), [b3] "=&r"(b3), [x] "+r"(xp), [w0] "+r"(wp), [q] "+r"(qp), \
                       [y] "+r"(yp), [n] "+r"(n), [u0] "=&w"(u0), [u1] "=&w"(u1), [v0] "=&w"(v0), [v1] "=&w"(v1) \
                     : [zp] "w"(zp), [lo] "w"(lo), [hi] "w"(hi), [off] "w"(off), [k16] "i"(k16), [w1t] "i"(w1t),  \
                       [wstep] "i"(wstep), [xback] "i"(xback)                                                  \
                     : "p0", "cc", "memory")
/* text with the fix-up and left shift the layer's kind asks for */
#define TF_PW_Q_KINDS(pre, macs, post)                                                                        \
    do {                                                                                                      \
        if (fix == 0 && !shl) TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_NONE, TF_PW_Q_SHL_NONE) post);    \
        else if (fix == 0) TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_NONE, TF_PW_Q_SHL) post);           \
        else if (fix == 1 && !shl) TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_NEG, TF_PW_Q_SHL_NONE) post); \
        else if (fix == 1) TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_NEG, TF_PW_Q_SHL) post);            \
        else if (!shl) TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_ANY, TF_PW_Q_SHL_NONE) post);           \
        else TF_PW_Q_ASM(pre macs TF_PW_Q_REQUANT(TF_PW_Q_FIX_ANY, TF_PW_Q_SHL) post);                          \
    } while (0)

/* The last pair of filters (oc + 1 == OC: one filter paired with itself, the constants table padded with a copy of
 * its constants), its last 16 predicated. */
static inline __attribute__((always_inline)) void tf_pw_quad_last(const int8_t *wp, const int32_t *qp, const int8_t *xp,
                                                                 int8_t *yp, uint16x8_t off, const int32_t K,
                                                                 const int32_t OC, int16x8_t zp, int16x8_t lo,
                                                                 int16x8_t hi, const int kind)
{
    const int32_t CH = (K + 15) / 16, single = OC % 2;
    const int shifts = kind & 3, shl = shifts == TF_PW_SHIFT_ANY;
    const int fix = (kind & TF_PW_RELU) ? 0 : shifts == TF_PW_SHIFT_NEGATIVE ? 1 : 2;
    const int32_t k16 = single ? -16 : K - 16, w1t = single ? 0 : K, wstep = 0, xback = 64 * CH;
    register int32_t a0 __asm__("r0"), a1 __asm__("r2"), a2 __asm__("r4"), a3 __asm__("r6");
    register int32_t b0 __asm__("r8"), b1 __asm__("r10"), b2 __asm__("r12"), b3 __asm__("lr");
    int32_t n = K - 16 * (CH - 1);
    int8x16_t u0, u1, v0, v1;
    if (CH == 2) TF_PW_Q_KINDS("", TF_PW_Q_TAIL2, "");
    else if (CH == 3) TF_PW_Q_KINDS("", TF_PW_Q_TAIL3, "");
    else TF_PW_Q_KINDS("", TF_PW_Q_TAIL4, "");
}

/* Every output channel of the group (interleaved inputs x) stored at y + yo: the pairs but the last in a loop, then
 * the last pair. */
static inline __attribute__((always_inline)) void tf_pw_quad_channels(const int8_t *filter, const int32_t *consts,
                                                                     const int8_t *x, int8_t *y, uint16x8_t yo,
                                                                     uint16x8_t yo_one, const int32_t K, const int32_t OC,
                                                                     int32_t output_offset, int16x8_t lo, int16x8_t hi,
                                                                     const int kind)
{
    const int32_t CH = (K + 15) / 16, pairs = (OC - 1) / 2, single = OC % 2;
    const int shifts = kind & 3, shl = shifts == TF_PW_SHIFT_ANY;
    const int fix = (kind & TF_PW_RELU) ? 0 : shifts == TF_PW_SHIFT_NEGATIVE ? 1 : 2;
    const int16x8_t zp = vdupq_n_s16((int16_t)output_offset);
    register int32_t a0 __asm__("r0"), a1 __asm__("r2"), a2 __asm__("r4"), a3 __asm__("r6");
    register int32_t b0 __asm__("r8"), b1 __asm__("r10"), b2 __asm__("r12"), b3 __asm__("lr");
    const int8_t *xp = x, *wp = filter;
    const int32_t *qp = consts;
    int8_t *yp = y;
    int32_t n = pairs;
    int8x16_t u0, u1, v0, v1;
    const uint16x8_t off = yo;
    /* the loop's pairs: the second filter at w0 + K (k16 after w0's step); the last pair's second filter */
    const int32_t k16 = K - 16, wstep = 2 * K - 16 * CH, xback = 64 * CH;
    const int32_t w1t = K;
    if (pairs > 0) {
        if (CH == 2) TF_PW_Q_KINDS("1:\n\t", TF_PW_Q_MACS2, "subs %[n], %[n], #1\n\tbne 1b\n\t");
        else if (CH == 3) TF_PW_Q_KINDS("1:\n\t", TF_PW_Q_MACS3, "subs %[n], %[n], #1\n\tbne 1b\n\t");
        else TF_PW_Q_KINDS("1:\n\t", TF_PW_Q_MACS4, "subs %[n], %[n], #1\n\tbne 1b\n\t");
    }
    tf_pw_quad_last(wp, qp, x, yp, single ? yo_one : yo, K, OC, zp, lo, hi, kind);
}
#elif defined(__ARM_FEATURE_MVE)
/* Unoptimized builds (a frame pointer: too few registers for the assembly's operands): the same in intrinsics. */
static inline void tf_pw_quad_channels(const int8_t *filter, const int32_t *consts, const int8_t *x, int8_t *y,
                                       uint16x8_t yo, uint16x8_t yo_one, const int32_t K, const int32_t OC,
                                       int32_t output_offset, int16x8_t lo, int16x8_t hi, const int kind)
{
    const int32_t CH = (K + 15) / 16;
    int32_t oc, c, j;
    for (oc = 0; oc < OC; oc += 2) {
        const int single = oc + 1 == OC;
        const int8_t *w0 = filter + oc * K, *w1 = single ? w0 : w0 + K;
        int32_t a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
        for (c = 0; c < CH; ++c) {
            const mve_pred16_t p = vctp8q((uint32_t)(K - 16 * c));
            const int8x16_t v0 = vldrbq_z_s8(w0 + 16 * c, p), v1 = vldrbq_z_s8(w1 + 16 * c, p);
            for (j = 0; j < 4; ++j) {
                const int8x16_t u = vldrbq_s8(x + 64 * c + 16 * j);
                a[j] = vmladavaq_s8(a[j], u, v0);
                b[j] = vmladavaq_s8(b[j], u, v1);
            }
        }
        tf_pw_requant_store2(vldrwq_s32(a), vldrwq_s32(b), consts + 4 * oc, consts + 4 * (single ? oc : oc + 1), y + oc,
                             single ? yo_one : yo, output_offset, lo, hi, kind);
    }
}
#endif

/* Byte offsets of a 4-pixel group's int16x8 lanes: lane 2j at pixel j' = min(j, n - 1), channel 0, lane 2j + 1 at
 * channel `second` (1, or 0 for an odd last channel paired with itself). */
#if defined(__ARM_FEATURE_MVE)
static inline __attribute__((always_inline)) uint16x8_t tf_pw_pair_offsets(const int32_t n, const int32_t OC, const int second)
{
    /* lane i: pixel min(i / 2, n - 1), channel (i & 1) * second */
    const uint16x8_t i = vidupq_n_u16(0, 1);
    uint16x8_t px = vshrq_n_u16(i, 1);
    if (n < 4) px = vminq_u16(px, vdupq_n_u16((uint16_t)(n - 1)));
    return vaddq_u16(vmulq_n_u16(px, (uint16_t)OC), second ? vandq_u16(i, vdupq_n_u16(1)) : vdupq_n_u16(0));
}
#endif

/* Group pixel j < n (1 to 4) at x + j * K -> y + j * OC, every output channel. */
static inline __attribute__((always_inline)) void tf_pw_quad_group(const int8_t *filter, const int32_t *consts,
                                                                  const int8_t *x, int8_t *y, const int32_t n,
                                                                  const int32_t K, const int32_t OC,
                                                                  int32_t output_offset, int32_t act_min,
                                                                  int32_t act_max, const int kind)
{
#if defined(__ARM_FEATURE_MVE)
    const int32_t CH = (K + 15) / 16;
    int8_t group[4 * TF_PW_QUAD_MAX_IN] __attribute__((aligned(16))); /* 16s of pixels 0..3, then the next 16s */
    const int16x8_t lo = vdupq_n_s16((int16_t)act_min), hi = vdupq_n_s16((int16_t)act_max);
    const uint16x8_t yo = tf_pw_pair_offsets(n, OC, 1), yo_one = tf_pw_pair_offsets(n, OC, 0);
    /* the missing pixels of a short group repeat its last one */
    const int8_t *src1 = x + (n > 1 ? K : 0), *src2 = x + (n > 2 ? 2 * K : n > 1 ? K : 0);
    const int8_t *src3 = x + (n > 3 ? 3 * K : n > 2 ? 2 * K : n > 1 ? K : 0);
    int32_t c;
    for (c = 0; c < CH; ++c) {
        const mve_pred16_t p = vctp8q((uint32_t)(K - 16 * c));
        const int whole = K - 16 * c >= 16;
        vstrbq_s8(group + 64 * c, whole ? vldrbq_s8(x + 16 * c) : vldrbq_z_s8(x + 16 * c, p));
        vstrbq_s8(group + 64 * c + 16, whole ? vldrbq_s8(src1 + 16 * c) : vldrbq_z_s8(src1 + 16 * c, p));
        vstrbq_s8(group + 64 * c + 32, whole ? vldrbq_s8(src2 + 16 * c) : vldrbq_z_s8(src2 + 16 * c, p));
        vstrbq_s8(group + 64 * c + 48, whole ? vldrbq_s8(src3 + 16 * c) : vldrbq_z_s8(src3 + 16 * c, p));
    }
    tf_pw_quad_channels(filter, consts, group, y, yo, yo_one, K, OC, output_offset, lo, hi, kind);
#else
    int8_t group[4 * TF_PW_QUAD_MAX_IN]; /* the group's inputs, read before any output is written, as with MVE */
    (void)kind;
    tf_pw_portable_group(filter, consts, x, group, y, n, K, OC, output_offset, act_min, act_max);
#endif
}

/* The layer: pixels * K input bytes at in, pixels * OC output bytes at out (out == in when in_place). Every
 * argument after `out` is a constant at the call; kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_quad_mve_body(const tf_conv_params *params,
                                                                              const int8_t *filter, const int32_t *consts,
                                                                              const int8_t *in, int8_t *out,
                                                                              const int32_t pixels, const int32_t K,
                                                                              const int32_t OC, const int in_place,
                                                                              const int kind)
{
    const int32_t off = params->output_offset, lo = params->activation.min, hi = params->activation.max;
    const int last_first = in_place && OC > K;
    const int32_t whole = pixels / 4 * 4, rest = pixels - whole;
    int32_t k;
    for (k = 0; k < whole; k += 4) {
        const int32_t a = last_first ? pixels - 4 - k : k;
        tf_pw_quad_group(filter, consts, in + a * K, out + a * OC, 4, K, OC, off, lo, hi, kind);
    }
    if (rest > 0) {
        const int32_t a = last_first ? 0 : whole;
        tf_pw_quad_group(filter, consts, in + a * K, out + a * OC, rest, K, OC, off, lo, hi, kind);
    }
}

#endif
