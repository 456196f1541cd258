/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, dilation 1, one image, for Helium (MVE), specialized
 * per layer: the compiler emits a static function per layer that calls tf_dw_band_mve_body with the shapes,
 * strides, padding, zero points and activation range as literal constants (see
 * dev.tinyforge.backend.c.emitters.MveDepthwise), so gcc unrolls each output row completely.
 *
 * One channel at a time, through a sliding band (the layout of common/tf_dw_band_mve.h): padded plane row pr,
 * column x (padding = the input zero point, so with the folded bias of common/tf_mve_s8.h every tap is a plain
 * product of the stored byte) lives at band[pr + x * KH]; output pixel (oy, ox) then finds its KH x KW taps as
 * the consecutive bytes from band[oy * SH + ox * SW * KH] (column by column, fx * KH + fy), i.e. one to four
 * 16-byte loads, and VMLADAVA.S8 sums 16 products at once against the channel's taps in that order (zeros past
 * KH * KW: the compiler rearranges the filter so), starting from the folded bias. With one chunk (3x3) one load
 * serves up to three neighbouring pixels against copies of the taps moved up by SW * KH lanes per pixel.
 * Plane rows go into the band straight from the NHWC input (a gather of the channel's bytes, C apart, and a
 * scatter KH apart), SH new rows per output row; a new row overwrites only bytes of rows no later output reads.
 *
 * Requantization per block of up to 8 pixels of a row, with the channel's multiplier and shift as scalar
 * operands: the 8 sums go into two int32 vectors (tf_mve_vec4: pixels 0, 2, 4, 6 and 1, 3, 5, 7), each is
 * requantized as tf_mve_requant_apply (VSHL for a left shift, VQRDMULH, the rounding fix-up and VRSHL for a right
 * one; proved in common/tf_mve_s8.h), VQMOVNB / VQMOVNT narrow them, saturating, into one int16x8 in pixel order,
 * VQADD.S16 adds the output zero point (saturating), VMAX / VMIN clamp (or, with the whole int8 range, a VQMOVNB
 * to int8), and one VSTRB.16 scatters the 8 bytes C apart. The saturations are exact: the activation range lies
 * in int8, so a value saturated to int16 clamps to the same byte as the int32 one; the result differs from the
 * reference only where its own int32 addition of the zero point would overflow (|v| > 2^31 - 129), which the
 * reference leaves undefined. Blocks of at most 4 pixels use one int32 vector and VSTRB.32. A row's last 1 to 7
 * pixels are a block moved back over pixels already done (the same bytes written again) where the row has 8; the
 * last 1 or 2 of two rows share one vector, the last 3 or 4 one block (the upper row's sums held until the lower
 * row's are done).
 *
 * Byte contract: a channel's output pixel q (byte q * C + c) is written only after the input rows loaded into the
 * band for its own output row cover input pixel q's row, or that row is never read (a held pixel is written later
 * still); only channel c's bytes are read or written while
 * channel c runs. The compiler checks this order before it runs a layer in place (out == in).
 * Portable C where __ARM_FEATURE_MVE is absent: the same band, loads and order, one pixel at a time. */
#ifndef DEPTHWISE_CONV_S8_BAND_MVE_BODY_H
#define DEPTHWISE_CONV_S8_BAND_MVE_BODY_H

#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* The per-layer function's attribute: gcc's scheduling before register allocation would compute every load's
 * address ahead into its own register and spill them; without it the loads take immediate offsets. */
#if defined(__ARM_FEATURE_MVE) && defined(__GNUC__) && !defined(__clang__)
#define TF_DWBB_LAYER __attribute__((optimize("no-schedule-insns")))
#else
#define TF_DWBB_LAYER
#endif

/* Bytes of the band on the stack (the compiler checks that a layer's band fits). */
#define TF_DWBB_BAND_BYTES 1024
/* The layer's shifts (a constant argument): any sign, all negative (right shifts only), or all <= 0. */
#define TF_DWBB_SHIFT_ANY 0
#define TF_DWBB_SHIFT_NEGATIVE 1
#define TF_DWBB_SHIFT_NONPOSITIVE 2
/* How one channel shifts (a constant inside the unrolled code): right (< 0), none (0), left (> 0). */
#define TF_DWBB_RIGHT 0
#define TF_DWBB_NONE 1
#define TF_DWBB_LEFT 2

/* A layer's constants (all literal after inlining). */
#define TF_DWBB_WP (((OW) - 1) * (SW) + (KW))
#define TF_DWBB_STEP ((SW) * (KH))
#define TF_DWBB_NCH (((KH) * (KW) + 15) / 16)

#if defined(__ARM_FEATURE_MVE)
/* Where chunk x (of L lanes, x a multiple of L) of n items goes: the last chunk moved back to end at n when n >= L
 * (it overlaps the one before and writes the same bytes again, so nothing is predicated), else x. */
#define TF_DWBB_AT(x, L, n) ((x) + (L) <= (n) || (n) < (L) ? (x) : (n) - (L))

/* Plane row pr (input row pr - PT, or the zero point outside the image) of channel c into the band. */
static inline __attribute__((always_inline)) void tf_dwbb_load_row(const int8_t *in, int8_t *band, int32_t pr,
                                                                  const int32_t H, const int32_t W, const int32_t C,
                                                                  const int32_t KH, const int32_t PT, const int32_t PL,
                                                                  const int32_t WP, const int32_t ZP)
{
    const int32_t iy = pr - PT, cols = W < WP - PL ? W : WP - PL;
    int8_t *dst = band + pr;
    int32_t x;
    const int32_t c = C, kh = KH;
    if (iy < 0 || iy >= H) {
        const uint8x16_t spread = vmulq_n_u8(vidupq_n_u8(0, 1), (uint8_t)kh);
        const int8x16_t z = vdupq_n_s8((int8_t)ZP);
#pragma GCC unroll 16
        for (x = 0; x < WP; x += 16) {
            const int32_t at = TF_DWBB_AT(x, 16, WP);
            if (at + 16 <= WP) {
                vstrbq_scatter_offset_s8(dst + at * KH, spread, z);
            } else {
                vstrbq_scatter_offset_p_s8(dst + at * KH, spread, z, vctp8q((uint32_t)(WP - at)));
            }
        }
        return;
    }
#pragma GCC unroll 16
    for (x = 0; x < PL; ++x) {
        dst[x * KH] = (int8_t)ZP;
    }
#pragma GCC unroll 16
    for (x = PL + W; x < WP; ++x) {
        dst[x * KH] = (int8_t)ZP;
    }
    {
        const int8_t *src = in + iy * W * C;
        dst += PL * KH;
        if (15 * C <= 255 && 15 * KH <= 255) {
            /* 16 columns per gather: byte offsets C apart fit u8 */
            const uint8x16_t go = vmulq_n_u8(vidupq_n_u8(0, 1), (uint8_t)c);
            const uint8x16_t so = vmulq_n_u8(vidupq_n_u8(0, 1), (uint8_t)kh);
#pragma GCC unroll 16
            for (x = 0; x < cols; x += 16) {
                const int32_t at = TF_DWBB_AT(x, 16, cols);
                if (at + 16 <= cols) {
                    vstrbq_scatter_offset_u8((uint8_t *)dst + at * KH, so, vldrbq_gather_offset_u8((const uint8_t *)src + at * C, go));
                } else {
                    const mve_pred16_t p = vctp8q((uint32_t)(cols - at));
                    vstrbq_scatter_offset_p_u8((uint8_t *)dst + at * KH, so,
                                               vldrbq_gather_offset_z_u8((const uint8_t *)src + at * C, go, p), p);
                }
            }
        } else {
            const uint16x8_t go = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)c);
            const uint16x8_t so = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)kh);
#pragma GCC unroll 16
            for (x = 0; x < cols; x += 8) {
                const int32_t at = TF_DWBB_AT(x, 8, cols);
                if (at + 8 <= cols) {
                    vstrbq_scatter_offset_s16(dst + at * KH, so, vldrbq_gather_offset_s16(src + at * C, go));
                } else {
                    const mve_pred16_t p = vctp16q((uint32_t)(cols - at));
                    vstrbq_scatter_offset_p_s16(dst + at * KH, so, vldrbq_gather_offset_z_s16(src + at * C, go, p), p);
                }
            }
        }
    }
}

/* One channel's requantization of an int32 vector up to the zero point (how: TF_DWBB_RIGHT / _NONE / _LEFT). */
static inline __attribute__((always_inline)) int32x4_t tf_dwbb_scale(int32x4_t v, int32_t mult, int32_t shift, const int how)
{
    if (how == TF_DWBB_LEFT) v = vshlq_r_s32(v, shift);
    v = vqrdmulhq_n_s32(v, mult);
    if (how == TF_DWBB_RIGHT) {
        v = vqaddq_s32(v, vshrq_n_s32(v, 31));
        v = vrshlq_n_s32(v, shift);
    }
    return v;
}

/* e (int32) narrowed, saturating, into the even int16 lanes and o into the odd ones (VQMOVNB / VQMOVNT), in asm:
 * gcc's intrinsics copy the register whose other lanes they keep, which nothing here reads. */
static inline __attribute__((always_inline)) int16x8_t tf_dwbb_narrow2(int32x4_t e, int32x4_t o)
{
    int16x8_t v;
    __asm__("vqmovnb.s32 %q0, %q1\n\tvqmovnt.s32 %q0, %q2" : "=&w"(v) : "w"(e), "w"(o));
    return v;
}

/* e narrowed, saturating, into the even int16 lanes (the odd ones undefined). */
static inline __attribute__((always_inline)) int16x8_t tf_dwbb_narrow1(int32x4_t e)
{
    int16x8_t v;
    __asm__("vqmovnb.s32 %q0, %q1" : "=&w"(v) : "w"(e));
    return v;
}

/* The int16 lanes v plus the output zero point (saturating) clamped to [LO, HI]: where a bound is int8's own,
 * narrowing to int8 (VQMOVNB.S16, saturating) is that bound's clamp; the byte is the low one of each 16-bit lane. */
static inline __attribute__((always_inline)) int16x8_t tf_dwbb_finish(int16x8_t v, const int32_t OZ, const int32_t LO,
                                                                     const int32_t HI)
{
    v = vqaddq_n_s16(v, (int16_t)OZ);
    if (LO > -128) v = vmaxq_s16(v, vdupq_n_s16((int16_t)LO));
    if (HI < 127) v = vminq_s16(v, vdupq_n_s16((int16_t)HI));
    if (LO == -128 || HI == 127) {
        int16x8_t r;
        __asm__("vqmovnb.s16 %q0, %q1" : "=&w"(r) : "w"(v));
        v = r;
    }
    return v;
}

/* Sums (without the bias) of the n (1 to 8, a constant) pixels from b, STEP bytes apart: `share` pixels per
 * load against w0, w1, w2 with one chunk, else NCH loads per pixel against w0..w3. */
static inline __attribute__((always_inline)) void tf_dwbb_sums(const int8_t *b, const int n, const int32_t STEP,
                                                              const int NCH, const int share, int8x16_t w0,
                                                              int8x16_t w1, int8x16_t w2, int8x16_t w3, int32_t *s)
{
    int k;
    if (NCH == 1) {
#pragma GCC unroll 8
        for (k = 0; k < n; k += share) {
            const int8x16_t v = vldrbq_s8(b + k * STEP);
            s[k] = vmladavq_s8(v, w0);
            if (share > 1 && k + 1 < n) s[k + 1] = vmladavq_s8(v, w1);
            if (share > 2 && k + 2 < n) s[k + 2] = vmladavq_s8(v, w2);
        }
        return;
    }
#pragma GCC unroll 8
    for (k = 0; k < n; ++k) {
        const int8_t *p = b + k * STEP;
        int32_t a = vmladavq_s8(vldrbq_s8(p), w0);
        a = vmladavaq_s8(a, vldrbq_s8(p + 16), w1);
        if (NCH > 2) a = vmladavaq_s8(a, vldrbq_s8(p + 32), w2);
        if (NCH > 3) a = vmladavaq_s8(a, vldrbq_s8(p + 48), w3);
        s[k] = a;
    }
}

/* The raw sums of 4 or 8 pixels straight into int32x4 vectors, in asm: VMLADAV writes an even register only (r0,
 * r2, r4, r6 here, clobbered), and gcc, left to itself, moves most sums to other registers before VMOV puts two
 * of them into a doubleword of the vector (as tf_mve_vec4). The loads take immediate offsets (at most 127) from
 * the block's base; the band's bytes are read ("memory"). */
#define TF_DWBB_LD(o) "vldrb.u8 %q[t], [%[b], #%c[" o "]]\n\t"
#define TF_DWBB_LDX(o, x) "vldrb.u8 %q[t], [%[b], #%c[" o "]+" x "]\n\t"
#define TF_DWBB_MAC(r, w) "vmladav.s8 " r ", %q[t], %q[" w "]\n\t"
#define TF_DWBB_MACA(r, w) "vmladava.s8 " r ", %q[t], %q[" w "]\n\t"
#define TF_DWBB_TO(v) "vmov %e[" v "], r0, r2\n\tvmov %f[" v "], r4, r6\n\t"
#define TF_DWBB_REGS "r0", "r2", "r4", "r6", "memory"

/* Whether tf_dwbb_asm_sums covers n pixels (offsets within the loads' immediate range). */
#define TF_DWBB_ASM_FITS(n, NCH, share, STEP) \
    (((n) == 8 || (n) == 4) && ((NCH) == 1 ? (share) > 1 && 6 * (STEP) <= 127 : 3 * (STEP) + 16 * ((NCH) - 1) <= 127))

/* 4 pixels of NCH chunks each (pixel k at k STEP, its chunks 16 apart). */
static inline __attribute__((always_inline)) int32x4_t tf_dwbb_asm_chunks4(const int8_t *b, const int32_t STEP, const int NCH,
                                                                          int8x16_t w0, int8x16_t w1, int8x16_t w2,
                                                                          int8x16_t w3)
{
    int32x4_t v;
    int8x16_t t;
#define TF_DWBB_PX(r, o)                                                                                              \
    TF_DWBB_LD(o) TF_DWBB_MAC(r, "w0") TF_DWBB_LDX(o, "16") TF_DWBB_MACA(r, "w1")
#define TF_DWBB_PX3(r, o) TF_DWBB_PX(r, o) TF_DWBB_LDX(o, "32") TF_DWBB_MACA(r, "w2")
#define TF_DWBB_PX4(r, o) TF_DWBB_PX3(r, o) TF_DWBB_LDX(o, "48") TF_DWBB_MACA(r, "w3")
    if (NCH == 2) {
        __asm__(TF_DWBB_PX("r0", "o0") TF_DWBB_PX("r2", "o1") TF_DWBB_PX("r4", "o2") TF_DWBB_PX("r6", "o3") TF_DWBB_TO("v")
                : [v] "=&w"(v), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [o0] "i"(0), [o1] "i"(STEP), [o2] "i"(2 * STEP), [o3] "i"(3 * STEP)
                : TF_DWBB_REGS);
    } else if (NCH == 3) {
        __asm__(TF_DWBB_PX3("r0", "o0") TF_DWBB_PX3("r2", "o1") TF_DWBB_PX3("r4", "o2") TF_DWBB_PX3("r6", "o3") TF_DWBB_TO("v")
                : [v] "=&w"(v), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [w2] "w"(w2), [o0] "i"(0), [o1] "i"(STEP), [o2] "i"(2 * STEP),
                  [o3] "i"(3 * STEP)
                : TF_DWBB_REGS);
    } else {
        __asm__(TF_DWBB_PX4("r0", "o0") TF_DWBB_PX4("r2", "o1") TF_DWBB_PX4("r4", "o2") TF_DWBB_PX4("r6", "o3") TF_DWBB_TO("v")
                : [v] "=&w"(v), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [w2] "w"(w2), [w3] "w"(w3), [o0] "i"(0), [o1] "i"(STEP),
                  [o2] "i"(2 * STEP), [o3] "i"(3 * STEP)
                : TF_DWBB_REGS);
    }
#undef TF_DWBB_PX
#undef TF_DWBB_PX3
#undef TF_DWBB_PX4
    return v;
}

/* The raw sums of pixels 0..3 into *e and, with n == 8, 4..7 into *o (TF_DWBB_ASM_FITS). */
static inline __attribute__((always_inline)) void tf_dwbb_asm_sums(const int8_t *b, const int n, const int32_t STEP,
                                                                  const int NCH, const int share, int8x16_t w0,
                                                                  int8x16_t w1, int8x16_t w2, int8x16_t w3, int32x4_t *e,
                                                                  int32x4_t *o)
{
    int8x16_t t;
    if (NCH > 1) {
        *e = tf_dwbb_asm_chunks4(b, STEP, NCH, w0, w1, w2, w3);
        if (n == 8) *o = tf_dwbb_asm_chunks4(b + 4 * STEP, STEP, NCH, w0, w1, w2, w3);
    } else if (share == 3 && n == 8) {
        /* loads at pixels 0, 3, 6: each serves three (two) pixels against w0, w1, w2 */
        __asm__(TF_DWBB_LD("o0") TF_DWBB_MAC("r0", "w0") TF_DWBB_MAC("r2", "w1") TF_DWBB_MAC("r4", "w2")
                TF_DWBB_LD("o3") TF_DWBB_MAC("r6", "w0") TF_DWBB_TO("e") TF_DWBB_MAC("r0", "w1") TF_DWBB_MAC("r2", "w2")
                TF_DWBB_LD("o6") TF_DWBB_MAC("r4", "w0") TF_DWBB_MAC("r6", "w1") TF_DWBB_TO("o")
                : [e] "=&w"(*e), [o] "=&w"(*o), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [w2] "w"(w2), [o0] "i"(0), [o3] "i"(3 * STEP), [o6] "i"(6 * STEP)
                : TF_DWBB_REGS);
    } else if (share == 3) {
        __asm__(TF_DWBB_LD("o0") TF_DWBB_MAC("r0", "w0") TF_DWBB_MAC("r2", "w1") TF_DWBB_MAC("r4", "w2")
                TF_DWBB_LD("o3") TF_DWBB_MAC("r6", "w0") TF_DWBB_TO("e")
                : [e] "=&w"(*e), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [w2] "w"(w2), [o0] "i"(0), [o3] "i"(3 * STEP)
                : TF_DWBB_REGS);
    } else if (n == 8) {
        /* two pixels a load */
        __asm__(TF_DWBB_LD("o0") TF_DWBB_MAC("r0", "w0") TF_DWBB_MAC("r2", "w1") TF_DWBB_LD("o2") TF_DWBB_MAC("r4", "w0")
                TF_DWBB_MAC("r6", "w1") TF_DWBB_TO("e") TF_DWBB_LD("o4") TF_DWBB_MAC("r0", "w0") TF_DWBB_MAC("r2", "w1")
                TF_DWBB_LD("o6") TF_DWBB_MAC("r4", "w0") TF_DWBB_MAC("r6", "w1") TF_DWBB_TO("o")
                : [e] "=&w"(*e), [o] "=&w"(*o), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [o0] "i"(0), [o2] "i"(2 * STEP), [o4] "i"(4 * STEP),
                  [o6] "i"(6 * STEP)
                : TF_DWBB_REGS);
    } else {
        __asm__(TF_DWBB_LD("o0") TF_DWBB_MAC("r0", "w0") TF_DWBB_MAC("r2", "w1") TF_DWBB_LD("o2") TF_DWBB_MAC("r4", "w0")
                TF_DWBB_MAC("r6", "w1") TF_DWBB_TO("e")
                : [e] "=&w"(*e), [t] "=&w"(t)
                : [b] "r"(b), [w0] "w"(w0), [w1] "w"(w1), [o0] "i"(0), [o2] "i"(2 * STEP)
                : TF_DWBB_REGS);
    }
}
#undef TF_DWBB_LD
#undef TF_DWBB_LDX
#undef TF_DWBB_MAC
#undef TF_DWBB_MACA
#undef TF_DWBB_TO
#undef TF_DWBB_REGS

/* The channel's constants and taps. */
typedef struct {
    int32_t bias, mult, shift;
    int8x16_t w0, w1, w2, w3;
} tf_dwbb_chan;

/* Pixels [p, p + n) of a row (n 1 to 4 or 8, a constant; band b, output y): n > 4 as two vectors of 4 pixels (the first
 * four, then the rest) narrowed into one int16x8 (lanes: pixel 0, 4, 1, 5, ...) and one VSTRB.16, else one vector
 * and VSTRB.32. */
static inline __attribute__((always_inline)) void tf_dwbb_block(const int8_t *b, int8_t *y, const int32_t p, const int n,
                                                               const tf_dwbb_chan *ch, const int how, const int32_t C,
                                                               const int32_t STEP, const int NCH, const int share,
                                                               const int32_t OZ, const int32_t LO, const int32_t HI)
{
    const int8_t *bb = b + p * STEP;
    int32_t s[8];
    int32x4_t e, o = vdupq_n_s32(0);
    /* the block's base in a register: its loads at immediate offsets */
    __asm__ volatile("" : "+r"(bb));
    if (TF_DWBB_ASM_FITS(n, NCH, share, STEP)) {
        tf_dwbb_asm_sums(bb, n, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, &e, &o);
    } else {
        tf_dwbb_sums(bb, n < 4 ? n : 4, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, s);
        e = tf_mve_vec4(s[0], n > 1 ? s[1] : s[0], n > 2 ? s[2] : s[0], n > 3 ? s[3] : s[0]);
        if (n > 4) {
            tf_dwbb_sums(bb + 4 * STEP, n - 4, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, s + 4);
            o = tf_mve_vec4(s[4], n > 5 ? s[5] : s[4], n > 6 ? s[6] : s[4], n > 7 ? s[7] : s[4]);
        }
    }
    {
        /* u16 offsets: lane 2j pixel j, lane 2j + 1 pixel 4 + j (u32 lane j = j C + (4 + j) C << 16) */
        const uint16x8_t off = vreinterpretq_u16_u32(
            vaddq_n_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)C * 65537u), (uint32_t)C * 262144u));
        e = tf_dwbb_scale(vaddq_n_s32(e, ch->bias), ch->mult, ch->shift, how);
        if (n > 4) {
            int16x8_t v;
            o = tf_dwbb_scale(vaddq_n_s32(o, ch->bias), ch->mult, ch->shift, how);
            v = tf_dwbb_finish(tf_dwbb_narrow2(e, o), OZ, LO, HI);
            vstrbq_scatter_offset_s16(y + p * C, off, v);
        } else {
            /* the low byte of each 32-bit lane: VSTRB.32 */
            const uint32x4_t off4 = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)C);
            const int32x4_t v = vreinterpretq_s32_s16(tf_dwbb_finish(tf_dwbb_narrow1(e), OZ, LO, HI));
            (void)off;
            if (n == 4) {
                vstrbq_scatter_offset_s32(y + p * C, off4, v);
            } else {
                vstrbq_scatter_offset_p_s32(y + p * C, off4, v, vctp32q((uint32_t)n));
            }
        }
    }
}

/* The raw sums of the 4 pixels from b as one vector. */
static inline __attribute__((always_inline)) int32x4_t tf_dwbb_raw4(const int8_t *b, const tf_dwbb_chan *ch,
                                                                   const int32_t STEP, const int NCH, const int share)
{
    const int8_t *bb = b;
    int32x4_t e, o;
    int32_t s[4];
    __asm__ volatile("" : "+r"(bb));
    if (TF_DWBB_ASM_FITS(4, NCH, share, STEP)) {
        tf_dwbb_asm_sums(bb, 4, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, &e, &o);
        return e;
    }
    tf_dwbb_sums(bb, 4, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, s);
    return tf_mve_vec4(s[0], s[1], s[2], s[3]);
}

/* The last 4 pixels of two rows, raw sums a (upper row) and b, as one block of 8: stored to y (the upper row's
 * first of them) and y + OW * C. */
static inline __attribute__((always_inline)) void tf_dwbb_pair4(int32x4_t a, int32x4_t b, int8_t *y, const tf_dwbb_chan *ch,
                                                               const int how, const int32_t C, const int32_t OW,
                                                               const int32_t OZ, const int32_t LO, const int32_t HI)
{
    /* lane 2j: the upper row's pixel j, lane 2j + 1: the lower row's (u32 lane j = j C + (OW C + j C) << 16) */
    const uint16x8_t off = vreinterpretq_u16_u32(
        vaddq_n_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)C * 65537u), (uint32_t)(OW * C) * 65536u));
    const int32x4_t e = tf_dwbb_scale(vaddq_n_s32(a, ch->bias), ch->mult, ch->shift, how);
    const int32x4_t o = tf_dwbb_scale(vaddq_n_s32(b, ch->bias), ch->mult, ch->shift, how);
    vstrbq_scatter_offset_s16(y, off, tf_dwbb_finish(tf_dwbb_narrow2(e, o), OZ, LO, HI));
}

/* The last r (1 or 2) pixels of two rows, sums a (upper row) and b, as one vector: requantized and stored to y (the
 * upper row's first of them) and y + OW * C. */
static inline __attribute__((always_inline)) void tf_dwbb_pair(const int32_t *a, const int32_t *b, const int r, int8_t *y,
                                                              const tf_dwbb_chan *ch, const int how, const int32_t C,
                                                              const int32_t OW, const int32_t OZ, const int32_t LO,
                                                              const int32_t HI)
{
    const int32_t d = r == 2 ? C : 0;
    const int32x4_t v = r == 2 ? tf_mve_vec4(a[0], a[1], b[0], b[1]) : tf_mve_vec4(a[0], a[0], b[0], b[0]);
    const uint32x4_t off = vreinterpretq_u32_s32(tf_mve_vec4(0, d, OW * C, OW * C + d));
    const int32x4_t e = tf_dwbb_scale(vaddq_n_s32(v, ch->bias), ch->mult, ch->shift, how);
    vstrbq_scatter_offset_s32(y, off, vreinterpretq_s32_s16(tf_dwbb_finish(tf_dwbb_narrow1(e), OZ, LO, HI)));
}

/* Every output of channel c (how: the kind of its shift, a constant). */
static inline __attribute__((always_inline)) void tf_dwbb_channel(
    const int8_t *in, int8_t *out, const tf_dwbb_chan *ch, const int how,
    const int32_t H, const int32_t W, const int32_t C, const int32_t KH, const int32_t KW, const int32_t SH,
    const int32_t SW, const int32_t PT, const int32_t PL, const int32_t OH, const int32_t OW, const int32_t ZP,
    const int32_t OZ, const int32_t LO, const int32_t HI)
{
    const int32_t WP = TF_DWBB_WP, STEP = TF_DWBB_STEP;
    const int NCH = TF_DWBB_NCH;
    /* pixels per load with one chunk: the taps moved up by STEP lanes must stay within 16 */
    const int share = NCH > 1 ? 1 : (1 + (16 - KH * KW) / STEP >= 3 ? 3 : 1 + (16 - KH * KW) / STEP);
    int8_t band[TF_DWBB_BAND_BYTES];
    int32_t oy, r, held[2] = {0, 0};
    int32x4_t held4 = vdupq_n_s32(0);
    for (r = 0; r < KH - SH; ++r) {
        tf_dwbb_load_row(in, band, r, H, W, C, KH, PT, PL, WP, ZP);
    }
    const int8_t *b = band;
    int8_t *y = out;
#pragma GCC unroll 64
    for (oy = 0; oy < OH; ++oy, b += SH, y += OW * C) {
        int32_t ox;
        for (r = KH - SH; r < KH; ++r) {
            tf_dwbb_load_row(in, band, oy * SH + r, H, W, C, KH, PT, PL, WP, ZP);
        }
        /* the row's band and output in one register each: its loads and stores at offsets from them */
        __asm__ volatile("" : "+r"(b), "+r"(y));
        /* blocks of 8 pixels; the last 1 to 7 as a block moved back over pixels already done where the row is long
         * enough (the same bytes again), else predicated */
#pragma GCC unroll 16
        for (ox = 0; ox < OW; ox += 8) {
            const int32_t left = OW - ox;
            if (left >= 8) {
                tf_dwbb_block(b, y, ox, 8, ch, how, C, STEP, NCH, share, OZ, LO, HI);
            } else if (left > 4) {
                if (OW >= 8) {
                    tf_dwbb_block(b, y, OW - 8, 8, ch, how, C, STEP, NCH, share, OZ, LO, HI);
                } else {
                    /* a row of 5 to 7: 4 pixels, then the rest (lanes predicated from the first) */
                    tf_dwbb_block(b, y, ox, 4, ch, how, C, STEP, NCH, share, OZ, LO, HI);
                    tf_dwbb_block(b, y, ox + 4, left - 4, ch, how, C, STEP, NCH, share, OZ, LO, HI);
                }
            } else if (OW >= 8 && left <= 2 && oy % 2 == 0 && oy + 1 < OH) {
                /* the last 1 or 2 pixels wait for the next row's (their sums now: the next row's band overwrites
                 * this one's bytes) */
                tf_dwbb_sums(b + ox * STEP, left, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, held);
            } else if (OW >= 8 && left <= 2 && oy % 2 == 1) {
                int32_t now[2];
                tf_dwbb_sums(b + ox * STEP, left, STEP, NCH, share, ch->w0, ch->w1, ch->w2, ch->w3, now);
                tf_dwbb_pair(held, now, left, y - OW * C + ox * C, ch, how, C, OW, OZ, LO, HI);
            } else if (OW >= 8 && share == 3 && oy % 2 == 0 && oy + 1 < OH) {
                /* the last 3 or 4 likewise, as the 4 pixels that end the row (measured: pays with three pixels a load,
                 * not with two, mcunet-vww on qemu-mps3-an547) */
                held4 = tf_dwbb_raw4(b + (OW - 4) * STEP, ch, STEP, NCH, share);
            } else if (OW >= 8 && share == 3 && oy % 2 == 1) {
                tf_dwbb_pair4(held4, tf_dwbb_raw4(b + (OW - 4) * STEP, ch, STEP, NCH, share), y - OW * C + (OW - 4) * C, ch,
                              how, C, OW, OZ, LO, HI);
            } else if (OW >= 4) {
                tf_dwbb_block(b, y, OW - 4, 4, ch, how, C, STEP, NCH, share, OZ, LO, HI);
            } else {
                tf_dwbb_block(b, y, ox, left, ch, how, C, STEP, NCH, share, OZ, LO, HI);
            }
        }
    }
}

/* The constants and taps of channel c (wk: its NCH x 16 rearranged taps). */
static inline __attribute__((always_inline)) tf_dwbb_chan tf_dwbb_chan_of(const int8_t *wk, int32_t bias, int32_t mult,
                                                                         int32_t shift, const int32_t STEP, const int NCH,
                                                                         const int share)
{
    tf_dwbb_chan ch;
    ch.bias = bias;
    ch.mult = mult;
    ch.shift = shift;
    ch.w0 = vldrbq_s8(wk);
    ch.w1 = ch.w2 = ch.w3 = ch.w0;
    if (share > 1) {
        /* w0 moved up by STEP (and 2 * STEP) lanes: the taps of the next pixels in the same load */
        int8_t shifted[48];
        vstrbq_s8(shifted, vdupq_n_s8(0));
        vstrbq_s8(shifted + 16, ch.w0);
        vstrbq_s8(shifted + 32, vdupq_n_s8(0));
        ch.w1 = vldrbq_s8(shifted + 16 - STEP);
        if (share > 2) ch.w2 = vldrbq_s8(shifted + 16 - 2 * STEP);
    } else {
        if (NCH > 1) ch.w1 = vldrbq_s8(wk + 16);
        if (NCH > 2) ch.w2 = vldrbq_s8(wk + 32);
        if (NCH > 3) ch.w3 = vldrbq_s8(wk + 48);
    }
    return ch;
}
#undef TF_DWBB_AT
#else
/* Plane row pr of channel c into the band, in plain C (the same bytes as with MVE). */
static inline void tf_dwbb_load_row_portable(const int8_t *in, int8_t *band, int32_t pr, int32_t H, int32_t W, int32_t C,
                                             int32_t KH, int32_t PT, int32_t PL, int32_t WP, int32_t ZP)
{
    const int32_t iy = pr - PT;
    int32_t x;
    for (x = 0; x < WP; ++x) {
        const int32_t ix = x - PL;
        band[pr + x * KH] = iy >= 0 && iy < H && ix >= 0 && ix < W ? in[(iy * W + ix) * C] : (int8_t)ZP;
    }
}
#endif

/* kind: TF_DWBB_SHIFT_ANY, _NEGATIVE (every shift < 0) or _NONPOSITIVE (every shift <= 0), a constant. ZP: the
 * input zero point (-input_offset), OZ: the output offset, [LO, HI]: the activation range. The filter in the band
 * order (per channel NCH x 16 bytes, tap (fy, fx) at fx * KH + fy, zeros after); folded_bias as in tf_mve_s8.h. */
static inline __attribute__((always_inline)) void tf_dw_band_mve_body(
    const tf_per_channel_quant *quant, const int8_t *filter, const int32_t *folded_bias, const int8_t *in, int8_t *out,
    const int32_t H, const int32_t W, const int32_t C, const int32_t KH, const int32_t KW, const int32_t SH,
    const int32_t SW, const int32_t PT, const int32_t PL, const int32_t OH, const int32_t OW, const int32_t ZP,
    const int32_t OZ, const int32_t LO, const int32_t HI, const int kind)
{
    int32_t c;
#if defined(__ARM_FEATURE_MVE)
    const int NCH = TF_DWBB_NCH;
    const int32_t STEP = TF_DWBB_STEP;
    const int share = NCH > 1 ? 1 : (1 + (16 - KH * KW) / STEP >= 3 ? 3 : 1 + (16 - KH * KW) / STEP);
    for (c = 0; c < C; ++c) {
        const int32_t shift = quant->shift[c];
        const tf_dwbb_chan ch = tf_dwbb_chan_of(filter + c * NCH * 16, folded_bias[c], quant->multiplier[c], shift, STEP,
                                                NCH, share);
        if (kind == TF_DWBB_SHIFT_NEGATIVE || shift < 0) {
            tf_dwbb_channel(in + c, out + c, &ch, TF_DWBB_RIGHT, H, W, C, KH, KW, SH, SW, PT, PL, OH, OW, ZP, OZ, LO, HI);
        } else if (kind == TF_DWBB_SHIFT_NONPOSITIVE) {
            tf_dwbb_channel(in + c, out + c, &ch, TF_DWBB_NONE, H, W, C, KH, KW, SH, SW, PT, PL, OH, OW, ZP, OZ, LO, HI);
        } else {
            tf_dwbb_channel(in + c, out + c, &ch, TF_DWBB_LEFT, H, W, C, KH, KW, SH, SW, PT, PL, OH, OW, ZP, OZ, LO, HI);
        }
    }
#else
    const int32_t WP = TF_DWBB_WP, STEP = TF_DWBB_STEP;
    int8_t band[TF_DWBB_BAND_BYTES];
    (void)kind;
    for (c = 0; c < C; ++c) {
        const int8_t *wk = filter + c * TF_DWBB_NCH * 16;
        int32_t oy, ox, r, t;
        for (r = 0; r < KH - SH; ++r) {
            tf_dwbb_load_row_portable(in + c, band, r, H, W, C, KH, PT, PL, WP, ZP);
        }
        for (oy = 0; oy < OH; ++oy) {
            for (r = KH - SH; r < KH; ++r) {
                tf_dwbb_load_row_portable(in + c, band, oy * SH + r, H, W, C, KH, PT, PL, WP, ZP);
            }
            for (ox = 0; ox < OW; ++ox) {
                const int8_t *b = band + oy * SH + ox * STEP;
                int32_t acc = folded_bias[c];
                for (t = 0; t < KH * KW; ++t) {
                    acc += (int32_t)wk[t] * b[t];
                }
                out[(oy * OW + ox) * C + c] = tf_requant_s8(acc, quant->multiplier[c], quant->shift[c], OZ, LO, HI);
            }
        }
    }
#endif
}

#undef TF_DWBB_WP
#undef TF_DWBB_STEP
#undef TF_DWBB_NCH

#endif
