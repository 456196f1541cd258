/* CONV_2D int8 1x1, stride 1, no padding, no groups, 17 to TF_PW_QUAD_MAX_IN input channels, for Helium (MVE),
 * specialized per layer (the compiler emits a static function per layer calling tf_conv_s8_1x1_quad_mve_body with
 * the pixel count, channel counts, in-place flag and kinds of shifts and activation as literal constants).
 *
 * Four pixels against two filters: eight VMLADAV sums per 16 input channels (4 input and 2 weight loads for 128
 * MACs), every output channel needing the same 4 pixels' inputs. VMLADAV accumulates only into even-numbered
 * general-purpose registers, and there are exactly eight (r0 ... r12, lr): the filter pairs are one assembly loop
 * (gcc, given the eight sums in C, moves them between registers and spills pointers and constants), its 16s
 * unrolled up to 4 (the first by VMLADAV: no accumulator to clear), looped over beyond.
 * Weights: the compiler stores them by pairs of filters, each pair's rows interleaved by 16 bytes and padded with
 * zeros to 16 * CH (CH = 16s per row), an odd last filter paired with a copy of itself: one pointer walks them,
 * no load runs past them, nothing is predicated (tf_pw_quad_weight gives the layout). Inputs: each group's 4 pixels
 * are first copied to the stack interleaved by 16, the last 16 zero-padded.
 * The two filters' sums (4 pixels each) are requantized with their channels' constants as scalars (one LDM loads
 * both channels' {folded bias, multiplier, right shift, left shift} over the spent sums) and narrowed into one
 * int16x8 (tf_pw_requant_store2 of conv_s8_1x1_narrow_mve_body.h: same constants table, same steps, same exactness
 * argument), stored to the 4 pixels' 2 channels by one byte scatter. An odd last channel is paired with itself (the
 * constants table then holds its constants twice; both lanes of a pixel store the same byte at the same place).
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

/* Input channels up to which the quad body applies (its group copy on the stack: 4 x this). */
#define TF_PW_QUAD_MAX_IN TF_PW_MAX_IN

#if defined(__ARM_FEATURE_MVE) && defined(__OPTIMIZE__)
/* One pixel's next 16 inputs (x walks the group) and its two sums (op: vmlav for the first 16, vmlava after). */
#define TF_PW_Q_PIXEL(op, a, b)                                                                               \
    "vldrb.u8 %q[u0], [%[x]], #16\n\t" op " %[" a "], %q[u0], %q[v0]\n\t" op " %[" b "], %q[u0], %q[t]\n\t"
/* a 16 of both filters' weights, then the 4 pixels' sums */
#define TF_PW_Q_16(op)                                                                                        \
    "vldrb.u8 %q[v0], [%[w]], #16\n\tvldrb.u8 %q[t], [%[w]], #16\n\t" TF_PW_Q_PIXEL(op, "a0", "b0")           \
        TF_PW_Q_PIXEL(op, "a1", "b1") TF_PW_Q_PIXEL(op, "a2", "b2") TF_PW_Q_PIXEL(op, "a3", "b3")
#define TF_PW_Q_MACS1 TF_PW_Q_16("vmlav.s8")
#define TF_PW_Q_MACS2 TF_PW_Q_MACS1 TF_PW_Q_16("vmlava.s8")
#define TF_PW_Q_MACS3 TF_PW_Q_MACS2 TF_PW_Q_16("vmlava.s8")
#define TF_PW_Q_MACS4 TF_PW_Q_MACS3 TF_PW_Q_16("vmlava.s8")
/* more than 4 16s: the first, then a loop over the rest; every general-purpose register is then taken, so y's
 * pointer waits in memory (TF_PW_Q_STORE_STACKED) while its register counts */
#define TF_PW_Q_MACS_LOOP                                                                                     \
    TF_PW_Q_16("vmlav.s8") "mov %[y], #%c[cn]\n2:\n\t" TF_PW_Q_16("vmlava.s8") "subs %[y], %[y], #1\n\tbne 2b\n\t"
/* x back to the group; the 8 sums into u0 (first filter) and v0, requantized (the constants loaded over the sums),
 * narrowed into v1 and stored */
#define TF_PW_Q_REQUANT(FIX, SHL, CLAMP, STORE)                                                                      \
    "sub %[x], %[x], #%c[xback]\n\t"                                                                           \
    TF_PW_PAIR_REQUANT("u0", "v0", FIX, SHL)                                                                   \
    "vqmovnb.s32 %q[t], %q[u0]\n\tvqmovnt.s32 %q[t], %q[v0]\n\tvqadd.s16 %q[t], %q[t], %q[zp]\n\t"        \
    CLAMP STORE
#define TF_PW_Q_STORE "vstrb.16 %q[t], [%[y], %q[off]]\n\tadd %[y], %[y], #2\n\t"
#define TF_PW_Q_STORE_STACKED "ldr %[y], %[ys]\n\t" TF_PW_Q_STORE "str %[y], %[ys]\n\t"
/* Operands: the sums (named registers), x the group's interleaved inputs (walked and rewound), w the paired weights,
 * q the constants (up to qend, in memory: one general-purpose register fewer), y the outputs. */
#define TF_PW_Q_OUTS                                                                                          \
    [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [b0] "=&r"(b0), [b1] "=&r"(b1), [b2] "=&r"(b2), \
        [b3] "=&r"(b3), [x] "+r"(xp), [w] "+r"(wp), [q] "+r"(qp), [y] "+r"(yp), [u0] "=&w"(u0),                        \
        [v0] "=&w"(v0), [t] "=&w"(v1)
/* REP: the pair's text once, or twice per loop step (an even number of pairs) */
#define TF_PW_Q_ASM_REP(REP, macs, CLAMP, FIX, SHL)                                                           \
    __asm__ volatile("1:\n\t" REP(macs TF_PW_Q_REQUANT(FIX, SHL, CLAMP, TF_PW_Q_STORE)) TF_PW_LOOP_END       \
                     : TF_PW_Q_OUTS                                                                           \
                     : [zp] "w"(zp), [lo] "w"(lo), [hi] "w"(hi), [off] "w"(off), [xback] "i"(64 * CH),          \
                       [qend] "m"(qend)                                                                       \
                     : "p0", "cc", "memory")
#define TF_PW_Q_ASM_LOOP_REP(REP, macs, CLAMP, FIX, SHL)                                                      \
    __asm__ volatile("str %[y], %[ys]\n1:\n\t" REP(macs TF_PW_Q_REQUANT(FIX, SHL, CLAMP, TF_PW_Q_STORE_STACKED))  \
                     TF_PW_LOOP_END "ldr %[y], %[ys]\n\t"                                                     \
                     : TF_PW_Q_OUTS, [ys] "=m"(ys)                                                            \
                     : [zp] "w"(zp), [lo] "w"(lo), [hi] "w"(hi), [off] "w"(off), [xback] "i"(64 * CH),          \
                       [qend] "m"(qend), [cn] "i"(CH - 1)                                                     \
                     : "p0", "cc", "memory")
#define TF_PW_Q_ASM(macs, CLAMP, FIX, SHL) TF_PW_Q_ASM_REP(TF_PW_ONCE, macs, CLAMP, FIX, SHL)
#define TF_PW_Q_ASM2(macs, CLAMP, FIX, SHL) TF_PW_Q_ASM_REP(TF_PW_TWICE, macs, CLAMP, FIX, SHL)
#define TF_PW_Q_ASM_LOOP(macs, CLAMP, FIX, SHL) TF_PW_Q_ASM_LOOP_REP(TF_PW_ONCE, macs, CLAMP, FIX, SHL)
#define TF_PW_Q_ASM_LOOP2(macs, CLAMP, FIX, SHL) TF_PW_Q_ASM_LOOP_REP(TF_PW_TWICE, macs, CLAMP, FIX, SHL)
/* the activation's clamp of the int16 lanes (the kind's TF_PW_CLAMP_*); act_max 127: a saturating narrow to int8 */
#define TF_PW_Q_CLAMP_BOTH "vmax.s16 %q[t], %q[t], %q[lo]\n\tvmin.s16 %q[t], %q[t], %q[hi]\n\t"
#define TF_PW_Q_CLAMP_LOW "vmax.s16 %q[t], %q[t], %q[lo]\n\tvqmovnb.s16 %q[t], %q[t]\n\t"
#define TF_PW_Q_CLAMP_NONE "vqmovnb.s16 %q[t], %q[t]\n\t"
#define TF_PW_Q_CLAMPS(ASM, macs)                                                                             \
    do {                                                                                                      \
        if (kind & TF_PW_CLAMP_NONE) TF_PW_ASM_KINDS(ASM, macs, TF_PW_Q_CLAMP_NONE);                          \
        else if (kind & TF_PW_CLAMP_LOW) TF_PW_ASM_KINDS(ASM, macs, TF_PW_Q_CLAMP_LOW);                       \
        else TF_PW_ASM_KINDS(ASM, macs, TF_PW_Q_CLAMP_BOTH);                                                  \
    } while (0)

/* n >= 1 pairs of filters from the paired weights w and constants q against the group's interleaved inputs x,
 * stored at y + off, y + off + 2, ...; returns nothing, the pointers are the caller's (the body advances its own). */
static inline __attribute__((always_inline)) void tf_pw_quad_pairs(const int8_t *x, const int8_t *w, const int32_t *q,
                                                                  int8_t *y, int32_t n, uint16x8_t off, const int32_t K,
                                                                  int16x8_t zp, int16x8_t lo, int16x8_t hi,
                                                                  const int kind)
{
    const int32_t CH = (K + 15) / 16;
    const int shifts = kind & 3, shl = shifts == TF_PW_SHIFT_ANY;
    const int fix = (kind & TF_PW_RELU) ? 0 : shifts == TF_PW_SHIFT_NEGATIVE ? 1 : 2;
    register int32_t a0 __asm__("r0"), a1 __asm__("r2"), a2 __asm__("r4"), a3 __asm__("r6");
    register int32_t b0 __asm__("r8"), b1 __asm__("r10"), b2 __asm__("r12"), b3 __asm__("lr");
    const int8_t *xp = x, *wp = w;
    const int32_t *qp = q;
    int8_t *yp = y, *ys;
    const int32_t *const qend = q + 8 * n;
    int8x16_t u0, v0, v1;
    if (n % 2 == 0) {
        if (CH == 1) TF_PW_Q_CLAMPS(TF_PW_Q_ASM2, TF_PW_Q_MACS1);
        else if (CH == 2) TF_PW_Q_CLAMPS(TF_PW_Q_ASM2, TF_PW_Q_MACS2);
        else if (CH == 3) TF_PW_Q_CLAMPS(TF_PW_Q_ASM2, TF_PW_Q_MACS3);
        else if (CH == 4) TF_PW_Q_CLAMPS(TF_PW_Q_ASM2, TF_PW_Q_MACS4);
        else TF_PW_Q_CLAMPS(TF_PW_Q_ASM_LOOP2, TF_PW_Q_MACS_LOOP);
    } else {
        if (CH == 1) TF_PW_Q_CLAMPS(TF_PW_Q_ASM, TF_PW_Q_MACS1);
        else if (CH == 2) TF_PW_Q_CLAMPS(TF_PW_Q_ASM, TF_PW_Q_MACS2);
        else if (CH == 3) TF_PW_Q_CLAMPS(TF_PW_Q_ASM, TF_PW_Q_MACS3);
        else if (CH == 4) TF_PW_Q_CLAMPS(TF_PW_Q_ASM, TF_PW_Q_MACS4);
        else TF_PW_Q_CLAMPS(TF_PW_Q_ASM_LOOP, TF_PW_Q_MACS_LOOP);
    }
}
#elif defined(__ARM_FEATURE_MVE)
/* Unoptimized builds (a frame pointer: too few registers for the assembly's operands): the same in intrinsics. */
static inline void tf_pw_quad_pairs(const int8_t *x, const int8_t *w, const int32_t *q, int8_t *y, int32_t n,
                                    uint16x8_t off, const int32_t K, int16x8_t zp, int16x8_t lo, int16x8_t hi,
                                    const int kind)
{
    const int32_t CH = (K + 15) / 16;
    const int32_t output_offset = vgetq_lane_s16(zp, 0);
    int32_t p, c, j;
    for (p = 0; p < n; ++p, w += 32 * CH, q += 8, y += 2) {
        int32_t a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
        for (c = 0; c < CH; ++c) {
            const int8x16_t v0 = vldrbq_s8(w + 32 * c), v1 = vldrbq_s8(w + 32 * c + 16);
            for (j = 0; j < 4; ++j) {
                const int8x16_t u = vldrbq_s8(x + 64 * c + 16 * j);
                a[j] = vmladavaq_s8(a[j], u, v0);
                b[j] = vmladavaq_s8(b[j], u, v1);
            }
        }
        tf_pw_requant_store2(vldrwq_s32(a), vldrwq_s32(b), q, q + 4, y, off, output_offset, lo, hi, kind);
    }
}
#endif

/* Group pixel j < n (1 to 4) at x + j * K -> y + j * OC, every output channel (filter: the paired weights). */
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
    const int16x8_t zp = vdupq_n_s16((int16_t)output_offset);
    /* the whole pairs, then an odd last channel paired with itself (its lanes stored to the same places) */
    if (OC >= 2) tf_pw_quad_pairs(group, filter, consts, y, OC / 2, yo, K, zp, lo, hi, kind);
    if (OC % 2) {
        tf_pw_quad_pairs(group, filter + (OC / 2) * 32 * CH, consts + 4 * (OC - 1), y + OC - 1, 1, yo_one, K, zp, lo, hi,
                         kind);
    }
#else
    int8_t group[4 * TF_PW_QUAD_MAX_IN]; /* the group's inputs, read before any output is written, as with MVE */
    (void)kind;
    tf_pw_portable_group(filter, 1, consts, x, group, y, n, K, OC, output_offset, act_min, act_max);
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
    TF_PW_FOUR_PIXEL_GROUPS(tf_pw_quad_group);
}

#endif
