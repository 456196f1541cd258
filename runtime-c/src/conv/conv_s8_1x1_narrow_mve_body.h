/* CONV_2D int8 1x1, stride 1, no padding, no groups, at most 16 input channels, for Helium (MVE), specialized
 * per layer (the compiler emits a static function per layer calling tf_conv_s8_1x1_narrow_mve_body with the
 * pixel count, channel counts, in-place flag and kinds of shifts and activation as literal constants).
 *
 * With K <= 16 input channels a pixel is one vector and an output one VMLADAV (K MACs), so the work per output
 * is its requantization. Four pixels go in the lanes: their inputs are loaded once (zeros past K), then each
 * output channel is one weight load, 4 VMLADAV, the 4 sums moved into one vector, requantized there with the
 * channel's constants as scalars (the channel's {folded bias, multiplier, right shift, left shift},
 * prepared by the compiler in that order) and scattered to the 4 pixels by one byte store.
 *
 * Requantization: tf_mve_requant_apply's steps (common/tf_mve_s8.h says why each is exact) with scalars. With
 * TF_PW_RELU in the kind (act_min >= output_offset, a fused RELU/RELU6 or narrower) the round-half-away fix-up is left out,
 * exactly: it changes only lanes x < 0 after the doubling high multiply, and there both roundings give
 * RoundingDivideByPOT(x) <= 0 (floor((x + 2^(e-1)) / 2^e) <= 0 for x <= -1), so the output is at most
 * output_offset <= act_min either way and the clamp gives act_min.
 *
 * Order and bytes: groups of 4 pixels, all 4 inputs in registers before any output of the group is written.
 * In place (out == in): last group first when OC > K, first group first otherwise, as tf_conv_s8_1x1_inplace;
 * the pixels % 4 left over (the first ones when last first, else the last ones) form the final group, its
 * missing lanes repeating its last pixel (the same bytes stored twice). Out of place: groups in increasing
 * order, so an output overlaps only inputs of pixels at least 4 before it (PixelWindows' unit of 4 pixels).
 * Portable C where __ARM_FEATURE_MVE is absent, same results. */
#ifndef CONV_S8_1X1_NARROW_MVE_BODY_H
#define CONV_S8_1X1_NARROW_MVE_BODY_H

#include "conv_s8_1x1_mve_body.h"

/* Input channels up to which the narrow body applies. */
#define TF_PW_NARROW_MAX_IN 16

/* Index of filter oc's weight i in the paired layout (CH = (K + 15) / 16 16s per row). */
static inline int32_t tf_pw_quad_weight(int32_t oc, int32_t i, int32_t CH)
{
    return (oc / 2) * 32 * CH + (i / 16) * 32 + (oc % 2) * 16 + i % 16;
}

#if defined(__ARM_FEATURE_MVE) && defined(__OPTIMIZE__)
/* Assembly text shared by the narrow and quad bodies' filter-pair loops. The rounding fix-up of lanes u before the
 * right shift by register r (common/tf_mve_s8.h): none (a RELU), all shifts negative (x < 0: less 1), or any (less 1
 * where x < 0 and r < 0, from (x AND r) >> 31), with operand %[t] free as scratch; the left shift by register r. */
#define TF_PW_Q_FIX_NONE(u, r) ""
#define TF_PW_Q_FIX_NEG(u, r) "vshr.s32 %q[t], %q[" u "], #31\n\tvqadd.s32 %q[" u "], %q[" u "], %q[t]\n\t"
#define TF_PW_Q_FIX_ANY(u, r)                                                                                 \
    "vdup.32 %q[t], " r "\n\tvand %q[t], %q[t], %q[" u "]\n\tvshr.s32 %q[t], %q[t], #31\n\t"                  \
    "vqadd.s32 %q[" u "], %q[" u "], %q[t]\n\t"
#define TF_PW_Q_SHL_NONE(u, r) ""
#define TF_PW_Q_SHL(u, r) "vshl.s32 %q[" u "], " r "\n\t"
/* The end of a filter-pair loop's step: until the constants pointer q reaches qend (in memory: one register fewer). */
#define TF_PW_LOOP_END "ldr r0, %[qend]\n\tcmp %[q], r0\n\tbne 1b\n\t"
/* A loop step's text once, or twice (an even number of pairs: one loop end per two). */
#define TF_PW_ONCE(text) text
#define TF_PW_TWICE(text) text text
/* The 8 sums of a filter pair (r0, r2, r4, r6: first filter, r8 ... lr: second) moved into q operands A and B, the
 * two channels' constants loaded over them (LDM: {folded bias, multiplier, right shift, left shift} each), and both
 * vectors scaled and shifted (tf_pw_requant32's steps). */
#define TF_PW_PAIR_REQUANT(A, B, FIX, SHL)                                                                    \
    "vmov %e[" A "], %[a0], %[a1]\n\tvmov %f[" A "], %[a2], %[a3]\n\tvmov %e[" B "], %[b0], %[b1]\n\t"            \
    "vmov %f[" B "], %[b2], %[b3]\n\tldm %[q]!, {r0, r2, r4, r6, r8, r10, r12, lr}\n\t"                          \
    "vadd.i32 %q[" A "], %q[" A "], r0\n\t" SHL(A, "r6") "vqrdmulh.s32 %q[" A "], %q[" A "], r2\n\t" FIX(A, "r4")   \
    "vrshl.s32 %q[" A "], r4\n\tvadd.i32 %q[" B "], %q[" B "], r8\n\t" SHL(B, "lr")                              \
    "vqrdmulh.s32 %q[" B "], %q[" B "], r10\n\t" FIX(B, "r12") "vrshl.s32 %q[" B "], r12\n\t"
/* ASM(p1, p2, fix-up, left shift) with the fix-up and left shift the layer's kind asks for (locals fix, shl) */
#define TF_PW_ASM_KINDS(ASM, p1, p2)                                                                          \
    do {                                                                                                      \
        if (fix == 0 && !shl) ASM(p1, p2, TF_PW_Q_FIX_NONE, TF_PW_Q_SHL_NONE);                                 \
        else if (fix == 0) ASM(p1, p2, TF_PW_Q_FIX_NONE, TF_PW_Q_SHL);                                        \
        else if (fix == 1 && !shl) ASM(p1, p2, TF_PW_Q_FIX_NEG, TF_PW_Q_SHL_NONE);                            \
        else if (fix == 1) ASM(p1, p2, TF_PW_Q_FIX_NEG, TF_PW_Q_SHL);                                         \
        else if (!shl) ASM(p1, p2, TF_PW_Q_FIX_ANY, TF_PW_Q_SHL_NONE);                                        \
        else ASM(p1, p2, TF_PW_Q_FIX_ANY, TF_PW_Q_SHL);                                                       \
    } while (0)
#endif

/* The layer as groups of 4 pixels (group: the body's tf_pw_*_group): in place last group first when OC > K, the
 * pixels % 4 left over the final group. */
#define TF_PW_FOUR_PIXEL_GROUPS(group)                                                                        \
    do {                                                                                                      \
        const int32_t off = params->output_offset, lo = params->activation.min, hi = params->activation.max;  \
        const int last_first = in_place && OC > K;                                                            \
        const int32_t whole = pixels / 4 * 4, rest = pixels - whole;                                          \
        int32_t k;                                                                                            \
        for (k = 0; k < whole; k += 4) {                                                                      \
            const int32_t a = last_first ? pixels - 4 - k : k;                                                \
            group(filter, consts, in + a * K, out + a * OC, 4, K, OC, off, lo, hi, kind);                     \
        }                                                                                                     \
        if (rest > 0) {                                                                                       \
            const int32_t a = last_first ? 0 : whole;                                                         \
            group(filter, consts, in + a * K, out + a * OC, rest, K, OC, off, lo, hi, kind);                  \
        }                                                                                                     \
    } while (0)

/* Portable C for the 1x1 lane bodies: pixels j < n at x + j * K, first copied to group (n * K bytes, so in place
 * every input is read before any output is written), -> y + j * OC; filter [OC][K], or paired (tf_pw_quad_weight). */
static inline void tf_pw_portable_group(const int8_t *filter, const int paired, const int32_t *consts, const int8_t *x,
                                        int8_t *group, int8_t *y, int32_t n, int32_t K, int32_t OC,
                                        int32_t output_offset, int32_t act_min, int32_t act_max)
{
    const int32_t CH = (K + 15) / 16;
    int32_t j, oc, i;
    memcpy(group, x, (size_t)(n * K));
    for (j = 0; j < n; ++j) {
        for (oc = 0; oc < OC; ++oc) {
            const int32_t *q = consts + 4 * oc;
            int32_t acc = q[0];
            for (i = 0; i < K; ++i) acc += (int32_t)filter[paired ? tf_pw_quad_weight(oc, i, CH) : oc * K + i] * group[j * K + i];
            y[j * OC + oc] = tf_requant_s8(acc, q[1], q[2] + q[3], output_offset, act_min, act_max);
        }
    }
}

#if defined(__ARM_FEATURE_MVE)
/* The lanes of v (sums without the bias, or with it: TF_PW_BIASED in the kind) of one output channel (constants q)
 * scaled and shifted, before the output offset. kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
#define TF_PW_BIASED 8
static inline __attribute__((always_inline)) int32x4_t tf_pw_requant32(int32x4_t v, const int32_t *q, const int kind)
{
    const int shifts = kind & 3, relu = kind & TF_PW_RELU;
    const int32_t right = q[2];
    if (!(kind & TF_PW_BIASED)) v = vaddq_n_s32(v, q[0]);
    if (shifts == TF_PW_SHIFT_ANY) v = vshlq_r_s32(v, q[3]);
    v = vqrdmulhq_n_s32(v, q[1]);
    if (!relu && (shifts == TF_PW_SHIFT_NEGATIVE || right < 0)) {
        /* lanes x < 0 less 1 (saturating: INT32_MIN stays, see common/tf_mve_s8.h) in one VPT block: no other q
         * register (gcc's own vcmpltq / vqsubq_m go through a general-purpose register and back) */
        __asm__("vpt.s32 lt, %q0, zr\n\tvqsubt.s32 %q0, %q0, %1" : "+w"(v) : "r"(1) : "p0");
    }
    return vrshlq_n_s32(v, right);
}

/* tf_pw_requant32 and the rest: the requantized lanes stored as bytes at y + yo. */
static inline __attribute__((always_inline)) void tf_pw_requant_store(int32x4_t v, const int32_t *q, int8_t *y, uint32x4_t yo,
                                                                     int32_t output_offset, int32x4_t lo, int32x4_t hi,
                                                                     const int kind)
{
    v = vaddq_n_s32(tf_pw_requant32(v, q, kind), output_offset);
    v = vminq_s32(vmaxq_s32(v, lo), hi);
    vstrbq_scatter_offset_s32(y, yo, v);
}

/* Two output channels' 4 lanes each (sums a with constants qa, b with qb; TF_PW_BIASED as above) requantized as
 * one int16x8 (a's lanes even, b's odd) and stored as bytes at y + yo (u16 offsets). The scaled and shifted int32
 * lanes are narrowed with saturation (VQMOVNB/VQMOVNT) before the output offset is added (VQADD.S16) and the
 * activation range applied on 8 lanes: exact, since [act_min, act_max] lies inside int16 and a saturated lane stays
 * beyond that range on its own side, except where the reference's int32 add of the output offset would itself
 * overflow (|lane| > 2^31 - 129, possible only with a zero right shift), which TFLite leaves undefined. */
static inline __attribute__((always_inline)) void tf_pw_requant_store2(int32x4_t a, int32x4_t b, const int32_t *qa,
                                                                      const int32_t *qb, int8_t *y, uint16x8_t yo,
                                                                      int32_t output_offset, int16x8_t lo, int16x8_t hi,
                                                                      const int kind)
{
    int16x8_t v = tf_mve_narrow16(tf_pw_requant32(a, qa, kind), tf_pw_requant32(b, qb, kind));
    v = vqaddq_n_s16(v, (int16_t)output_offset);
    v = vminq_s16(vmaxq_s16(v, lo), hi);
    vstrbq_scatter_offset_s16(y, yo, v);
}

/* One output channel (weights wv, constants q) of the 4 pixels a..d: one byte per pixel at y + yo. */
static inline __attribute__((always_inline)) void tf_pw_narrow_channel(int8x16_t a, int8x16_t b, int8x16_t c, int8x16_t d,
                                                                      int8x16_t wv, const int32_t *q, int8_t *y,
                                                                      uint32x4_t yo, int32_t output_offset,
                                                                      int32x4_t lo, int32x4_t hi, const int kind)
{
    tf_pw_requant_store(tf_mve_vec4(vmladavq_s8(a, wv), vmladavq_s8(b, wv), vmladavq_s8(c, wv), vmladavq_s8(d, wv)), q, y,
                        yo, output_offset, lo, hi, kind);
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

#define TF_PW_PAIRED 16    /* or'ed into the narrow body's kind: the weights by pairs of filters (tf_pw_quad_weight) */
#define TF_PW_CLAMP_LOW 32 /* act_max == 127, act_min > -128: the narrow (paired) and quad bodies clamp below only */
#define TF_PW_CLAMP_NONE 64 /* act_max == 127, act_min == -128: the quad body's clamp is the saturation to int8 */

#if defined(__ARM_FEATURE_MVE) && defined(__OPTIMIZE__)
/* The narrow body's filter pairs (TF_PW_PAIRED: the compiler gives it only layers with act_max == 127 and act_min ==
 * -128 or a RELU) as one assembly loop, the 4 pixels' inputs in q registers: per pair 2 weight loads, 8 VMLADAV into
 * r0, r2, ..., lr, then the constants loaded over them by one LDM and the two channels requantized, narrowed
 * (tf_pw_requant_store2's steps), the output offset added on 8 lanes, the lower clamp (TF_PW_CLAMP_LOW, %[t] holding
 * act_min) and the upper one by a saturating narrow to int8 (VQMOVNB.S16: act_max is 127), one byte scatter. */
#define TF_PW_N_PIXEL(x, a, b) "vmlav.s8 %[" a "], %q[" x "], %q[v0]\n\tvmlav.s8 %[" b "], %q[" x "], %q[v1]\n\t"
#define TF_PW_N_CLAMP_LOW "vmax.s16 %q[v0], %q[v0], %q[t]\n\t"
#define TF_PW_N_STEP(CLAMP, FIX, SHL)                                                                         \
    "vldrb.u8 %q[v0], [%[w]], #16\n\tvldrb.u8 %q[v1], [%[w]], #16\n\t" TF_PW_N_PIXEL("x0", "a0", "b0")             \
    TF_PW_N_PIXEL("x1", "a1", "b1") TF_PW_N_PIXEL("x2", "a2", "b2") TF_PW_N_PIXEL("x3", "a3", "b3")                  \
    TF_PW_PAIR_REQUANT("v0", "v1", FIX, SHL)                                                                   \
    "vqmovnb.s32 %q[v0], %q[v0]\n\tvqmovnt.s32 %q[v0], %q[v1]\n\tvqadd.s16 %q[v0], %q[v0], %[zp]\n\t" CLAMP        \
    "vqmovnb.s16 %q[v0], %q[v0]\n\tvstrb.16 %q[v0], [%[y], %q[off]]\n\tadd %[y], %[y], #2\n\t"
#define TF_PW_N_ASM(CLAMP, REP, FIX, SHL)                                                                     \
    __asm__ volatile(                                                                                         \
        "1:\n\t" REP(TF_PW_N_STEP(CLAMP, FIX, SHL)) TF_PW_LOOP_END                                             \
        : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [b0] "=&r"(b0), [b1] "=&r"(b1),      \
          [b2] "=&r"(b2), [b3] "=&r"(b3), [w] "+r"(wp), [q] "+r"(qp), [y] "+r"(yp), [v0] "=&w"(v0), [v1] "=&w"(v1), \
          [t] "+w"(t)                                                                                         \
        : [x0] "w"(a), [x1] "w"(b), [x2] "w"(c), [x3] "w"(d), [off] "w"(off), [zp] "r"(output_offset),         \
          [qend] "m"(qend)                                                                                    \
        : "p0", "cc", "memory")
#endif

#if defined(__ARM_FEATURE_MVE)
/* n >= 1 pairs of filters (paired weights w, constants q) of the 4 pixels a..d, stored at y + off, y + off + 2, .... */
static inline __attribute__((always_inline)) void tf_pw_narrow_pairs(int8x16_t a, int8x16_t b, int8x16_t c, int8x16_t d,
                                                                    const int8_t *w, const int32_t *q, int8_t *y,
                                                                    int32_t n, uint16x8_t off, int32_t output_offset,
                                                                    int32_t act_min, const int kind)
{
#if defined(__OPTIMIZE__)
    const int shifts = kind & 3, shl = shifts == TF_PW_SHIFT_ANY;
    const int fix = (kind & TF_PW_RELU) ? 0 : shifts == TF_PW_SHIFT_NEGATIVE ? 1 : 2;
    register int32_t a0 __asm__("r0"), a1 __asm__("r2"), a2 __asm__("r4"), a3 __asm__("r6");
    register int32_t b0 __asm__("r8"), b1 __asm__("r10"), b2 __asm__("r12"), b3 __asm__("lr");
    const int8_t *wp = w;
    const int32_t *qp = q, *const qend = q + 8 * n;
    int8_t *yp = y;
    int8x16_t v0, v1;
    int16x8_t t = vdupq_n_s16((int16_t)act_min);
    if (n % 2 == 0 && (kind & TF_PW_CLAMP_LOW)) TF_PW_ASM_KINDS(TF_PW_N_ASM, TF_PW_N_CLAMP_LOW, TF_PW_TWICE);
    else if (n % 2 == 0) TF_PW_ASM_KINDS(TF_PW_N_ASM, "", TF_PW_TWICE);
    else if (kind & TF_PW_CLAMP_LOW) TF_PW_ASM_KINDS(TF_PW_N_ASM, TF_PW_N_CLAMP_LOW, TF_PW_ONCE);
    else TF_PW_ASM_KINDS(TF_PW_N_ASM, "", TF_PW_ONCE);
#else
    /* unoptimized builds (too few registers for the assembly's operands): intrinsics */
    const int16x8_t lo = vdupq_n_s16((int16_t)act_min), hi = vdupq_n_s16(127);
    int32_t p;
    for (p = 0; p < n; ++p, w += 32, q += 8, y += 2) {
        const int8x16_t v0 = vldrbq_s8(w), v1 = vldrbq_s8(w + 16);
        tf_pw_requant_store2(tf_mve_vec4(vmladavq_s8(a, v0), vmladavq_s8(b, v0), vmladavq_s8(c, v0), vmladavq_s8(d, v0)),
                             tf_mve_vec4(vmladavq_s8(a, v1), vmladavq_s8(b, v1), vmladavq_s8(c, v1), vmladavq_s8(d, v1)),
                             q, q + 4, y, off, output_offset, lo, hi, kind);
    }
#endif
}
#endif

/* Group pixel j < n (at most 4) at x + j * K -> y + j * OC, every output channel. consts: OC x {folded bias,
 * multiplier, min(shift, 0), max(shift, 0)}. */
static inline __attribute__((always_inline)) void tf_pw_narrow_group(const int8_t *filter, const int32_t *consts,
                                                                    const int8_t *x, int8_t *y, const int32_t n,
                                                                    const int32_t K, const int32_t OC,
                                                                    int32_t output_offset, int32_t act_min,
                                                                    int32_t act_max, const int kind)
{
#if defined(__ARM_FEATURE_MVE)
    const mve_pred16_t tail = vctp8q((uint32_t)K);
    /* the missing pixels of a short group repeat its last one */
    const int8_t *x1 = x + (n > 1 ? K : 0), *x2 = x + (n > 2 ? 2 * K : n > 1 ? K : 0);
    const int8_t *x3 = x + (n > 3 ? 3 * K : n > 2 ? 2 * K : n > 1 ? K : 0);
    const int8x16_t a = K == 16 ? vldrbq_s8(x) : vldrbq_z_s8(x, tail);
    const int8x16_t b = K == 16 ? vldrbq_s8(x1) : vldrbq_z_s8(x1, tail);
    const int8x16_t c = K == 16 ? vldrbq_s8(x2) : vldrbq_z_s8(x2, tail);
    const int8x16_t d = K == 16 ? vldrbq_s8(x3) : vldrbq_z_s8(x3, tail);
    if (kind & TF_PW_PAIRED) {
        /* the whole pairs, then an odd last channel paired with itself (its lanes stored to the same places) */
        if (OC >= 2) tf_pw_narrow_pairs(a, b, c, d, filter, consts, y, OC / 2, tf_pw_pair_offsets(n, OC, 1), output_offset, act_min, kind);
        if (OC % 2) {
            tf_pw_narrow_pairs(a, b, c, d, filter + (OC / 2) * 32, consts + 4 * (OC - 1), y + OC - 1, 1,
                               tf_pw_pair_offsets(n, OC, 0), output_offset, act_min, kind);
        }
        (void)act_max;
        return;
    }
    /* lane j stores at pixel min(j, n - 1) */
    const uint32x4_t yo = n == 4 ? vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)OC)
                                 : vminq_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)OC), vdupq_n_u32((uint32_t)((n - 1) * OC)));
    /* filters oc < safe (oc * K + 16 <= OC * K): a whole 16-byte load stays inside the weights (bytes past K
     * belong to the next filter and meet zero inputs) */
    const int32_t safe = OC * K >= 16 ? (OC * K - 16) / K + 1 : 0;
    const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
    const int32_t *q = consts, *const q_safe = consts + 4 * safe, *const q_end = consts + 4 * OC;
    const int8_t *w = filter;
    int8_t *yc = y;
#pragma GCC unroll 8
    for (; q < q_safe; q += 4, w += K, ++yc) {
        tf_pw_narrow_channel(a, b, c, d, vldrbq_s8(w), q, yc, yo, output_offset, lo, hi, kind);
    }
    for (; q < q_end; q += 4, w += K, ++yc) {
        tf_pw_narrow_channel(a, b, c, d, vldrbq_z_s8(w, tail), q, yc, yo, output_offset, lo, hi, kind);
    }
#else
    int8_t group[4 * 16]; /* the group's inputs, read before any output is written, as with MVE */
    tf_pw_portable_group(filter, (kind & TF_PW_PAIRED) != 0, consts, x, group, y, n, K, OC, output_offset, act_min, act_max);
#endif
}

/* The layer: pixels * K input bytes at in, pixels * OC output bytes at out (out == in when in_place). Every
 * argument after `out` is a constant at the call; kind: TF_PW_SHIFT_*, with TF_PW_RELU or'ed in. */
static inline __attribute__((always_inline)) void tf_conv_s8_1x1_narrow_mve_body(const tf_conv_params *params,
                                                                                const int8_t *filter, const int32_t *consts,
                                                                                const int8_t *in, int8_t *out,
                                                                                const int32_t pixels, const int32_t K,
                                                                                const int32_t OC, const int in_place,
                                                                                const int kind)
{
    TF_PW_FOUR_PIXEL_GROUPS(tf_pw_narrow_group);
}

#endif
