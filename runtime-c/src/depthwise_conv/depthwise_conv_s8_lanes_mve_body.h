/* DEPTHWISE_CONV_2D int8 (per-channel), depth multiplier 1, dilation 1, one image, for Helium (MVE) on small
 * images, specialized per layer: the compiler emits a static function per layer that calls
 * tf_dw_lanes_mve_body with the shapes, strides and padding as literal constants (see
 * dev.tinyforge.backend.c.emitters.MveDepthwise). Channels stay in lanes, straight from NHWC, 8 at a time:
 *
 *  - the group's 8 channels of every input pixel are copied once to a stack buffer as int16 x + input_offset
 *    (VLDRB.S16, VADD, VSTRH: the value TFLM multiplies, in [-255, 255]);
 *  - per output pixel only the taps inside the image are visited (TFLM skips the others; their row and column
 *    ranges are worked out per pixel, each tap row a switch into straight-line taps, no per-tap loop), each tap
 *    one VLDRH of 8 inputs, one VLDRB.S16 of the 8 channels' weights, VMULLB.S16 / VMULLT.S16 (exact int32
 *    products of the even / odd channels) and two VADD into the two int32 accumulators, which start at the
 *    layer's (unfolded) bias: so each accumulator lane is exactly TFLM's int32 sum (|product| < 2^15 * 2^7,
 *    at most 64 * 49 of them, far inside int32; int32 addition is exact here, so order does not matter);
 *  - requantization as tf_mve_requant_apply (exact, proved in common/tf_mve_s8.h) with the even / odd channels'
 *    multipliers and shifts (gathered once per group), then VMOVNB / VMOVNT put the 8 results back in channel
 *    order and one VSTRB.16 stores them.
 *
 * The filter comes rearranged by the compiler: group g's taps at filter[g * KH * KW * 8 + (fy * KW + fx) * 8 + i]
 * for channel 8g + i (the same bytes as TFLite's 1 x KH x KW x C, reordered).
 * Byte contract: a group's input bytes are all copied before any of its outputs is written, and a group writes
 * only its own channels: so out == in (in place) is safe, as for the planar kernel.
 * Portable C where __ARM_FEATURE_MVE is absent (the same copies, sums and requantization, one channel at a time). */
#ifndef DEPTHWISE_CONV_S8_LANES_MVE_BODY_H
#define DEPTHWISE_CONV_S8_LANES_MVE_BODY_H

#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* Input pixels (H * W) and output pixels up to which the body applies: its copy of a group on the stack is 16
 * bytes an input pixel, its sums 32 bytes an output pixel (3.6 KB in all). */
#define TF_DWL_MAX_PIXELS 100
#define TF_DWL_MAX_OUT 64
/* Filter columns up to which the body applies (the tap row's switch), output columns (unrolled). */
#define TF_DWL_MAX_KW 8
#define TF_DWL_MAX_OW 10
/* The layer's shifts (a constant argument): any sign, all negative (right shifts only), or all <= 0. */
#define TF_DWL_SHIFT_ANY 0
#define TF_DWL_SHIFT_NEGATIVE 1
#define TF_DWL_SHIFT_NONPOSITIVE 2

#if defined(__ARM_FEATURE_MVE)
/* One tap: inputs xr[8k..8k+7] (int16) times weights wr[8k..8k+7] into the even / odd accumulators. */
#define TF_DWL_TAP(k)                                                                                               \
    do {                                                                                                            \
        const int16x8_t xv_ = vldrhq_s16(xr + 8 * (k)), wv_ = vldrbq_s16(wr + 8 * (k));                             \
        *ae = vaddq_s32(*ae, vmullbq_int_s16(xv_, wv_));                                                            \
        *ao = vaddq_s32(*ao, vmulltq_int_s16(xv_, wv_));                                                            \
        /* one tap at a time (its loads not hoisted, the sums not reassociated): 2 accumulators, 4 temporaries */ \
        __asm__ volatile("" : "+w"(*ae), "+w"(*ao) : : "memory");                                                  \
    } while (0)

/* The n (0 to TF_DWL_MAX_KW) consecutive taps of one filter row from xr / wr, straight-line. */
static inline __attribute__((always_inline)) void tf_dwl_row(const int16_t *xr, const int8_t *wr, int32_t n,
                                                            int32x4_t *ae, int32x4_t *ao)
{
    switch (n) {
    case 8: TF_DWL_TAP(7); /* fall through */
    case 7: TF_DWL_TAP(6); /* fall through */
    case 6: TF_DWL_TAP(5); /* fall through */
    case 5: TF_DWL_TAP(4); /* fall through */
    case 4: TF_DWL_TAP(3); /* fall through */
    case 3: TF_DWL_TAP(2); /* fall through */
    case 2: TF_DWL_TAP(1); /* fall through */
    case 1: TF_DWL_TAP(0); /* fall through */
    default: break;
    }
}
#undef TF_DWL_TAP
#endif

#if defined(__ARM_FEATURE_MVE)
/* Four channels' int32 sums (s[0..3], the bias not yet added) of P pixels 8 apart, requantized in place up to
 * the output offset: tf_mve_requant_apply's steps with the four channels' bias, multiplier and shift held in
 * registers (a left shift skipped when no shift is positive; when every shift is negative the fix-up
 * (x AND -e) >> 31 is x >> 31). */
static inline __attribute__((always_inline)) void tf_dwl_requant4(int32_t *s, const int32_t P, int32x4_t bias,
                                                                 int32x4_t mult, int32x4_t shift, int32_t output_offset,
                                                                 const int kind)
{
    const int32x4_t left = vmaxq_s32(shift, vdupq_n_s32(0)), right = vminq_s32(shift, vdupq_n_s32(0));
    int32_t p;
    for (p = 0; p < P; ++p, s += 8) {
        int32x4_t v = vaddq_s32(vldrwq_s32(s), bias);
        if (kind == TF_DWL_SHIFT_ANY) v = vshlq_s32(v, left);
        v = vqrdmulhq_s32(v, mult);
        v = vqaddq_s32(v, vshrq_n_s32(kind == TF_DWL_SHIFT_NEGATIVE ? v : vandq_s32(v, right), 31));
        vstrwq_s32(s, vaddq_n_s32(vrshlq_s32(v, right), output_offset));
    }
}
#endif

/* kind: TF_DWL_SHIFT_ANY, _NEGATIVE (every shift < 0) or _NONPOSITIVE (every shift <= 0), a constant. */
static inline __attribute__((always_inline)) void tf_dw_lanes_mve_body(
    const tf_dw_conv_params *params, const tf_per_channel_quant *quant, const int8_t *filter, const int32_t *bias,
    const int8_t *in, int8_t *out, const int32_t H, const int32_t W, const int32_t C, const int32_t KH, const int32_t KW,
    const int32_t SH, const int32_t SW, const int32_t PT, const int32_t PL, const int32_t OH, const int32_t OW,
    const int kind)
{
    const int32_t io = params->input_offset;
    int32_t c, p, oy, ox;
#if defined(__ARM_FEATURE_MVE)
    int16_t xb[TF_DWL_MAX_PIXELS * 8];
    int32_t sums[TF_DWL_MAX_OUT * 8]; /* per output pixel: the even channels' 4 sums, then the odd ones' */
    const uint32x4_t even = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
    for (c = 0; c < C; c += 8) {
        const int8_t *wg = filter + c * KH * KW;
        int32_t oy0;
        for (p = 0; p < H * W; ++p) {
            vstrhq_s16(xb + p * 8, vaddq_n_s16(vldrbq_s16(in + p * C + c), (int16_t)io));
        }
        /* blocks of output rows whose sums fit the buffer */
        for (oy0 = 0; oy0 < OH; oy0 += TF_DWL_MAX_OUT / OW) {
            const int32_t n = (OH - oy0 < TF_DWL_MAX_OUT / OW ? OH - oy0 : TF_DWL_MAX_OUT / OW) * OW;
            int32_t *s = sums;
            for (oy = oy0; oy < oy0 + n / OW; ++oy) {
                const int32_t iy0 = oy * SH - PT;
                const int32_t fy0 = iy0 < 0 ? -iy0 : 0, fy1 = H - iy0 < KH ? H - iy0 : KH;
                /* unrolled: each pixel's column range, so its tap rows, are constants */
#pragma GCC unroll 10
                for (ox = 0; ox < OW; ++ox, s += 8) {
                    const int32_t ix0 = ox * SW - PL;
                    const int32_t fx0 = ix0 < 0 ? -ix0 : 0, fx1 = W - ix0 < KW ? W - ix0 : KW;
                    const int16_t *xr = xb + ((iy0 + fy0) * W + ix0 + fx0) * 8;
                    const int8_t *wr = wg + (fy0 * KW + fx0) * 8;
                    int32x4_t ae = vdupq_n_s32(0), ao = vdupq_n_s32(0);
                    int32_t fy;
                    for (fy = fy0; fy < fy1; ++fy, xr += W * 8, wr += KW * 8) {
                        tf_dwl_row(xr, wr, fx1 - fx0, &ae, &ao);
                    }
                    vstrwq_s32(s, ae);
                    vstrwq_s32(s + 4, ao);
                }
            }
            /* the even channels' sums of every pixel, then the odd ones', with their constants in registers */
            tf_dwl_requant4(sums, n, vldrwq_gather_shifted_offset_s32(bias + c, even),
                            vldrwq_gather_shifted_offset_s32(quant->multiplier + c, even),
                            vldrwq_gather_shifted_offset_s32(quant->shift + c, even), params->output_offset, kind);
            tf_dwl_requant4(sums + 4, n, vldrwq_gather_shifted_offset_s32(bias + c, odd),
                            vldrwq_gather_shifted_offset_s32(quant->multiplier + c, odd),
                            vldrwq_gather_shifted_offset_s32(quant->shift + c, odd), params->output_offset, kind);
            {
                /* VQMOVNB / VQMOVNT: the 8 results in channel order as int16 (saturated), clamped 8 lanes at
                 * once: act_min and act_max lie in int8, so clamping the saturated value equals clamping the
                 * int32 one */
                const int16x8_t lo = vdupq_n_s16((int16_t)params->activation.min);
                const int16x8_t hi = vdupq_n_s16((int16_t)params->activation.max);
                int8_t *y = out + oy0 * OW * C + c;
                for (p = 0, s = sums; p < n; ++p, s += 8, y += C) {
                    const int16x8_t v = vqmovntq_s32(vqmovnbq_s32(vdupq_n_s16(0), vldrwq_s32(s)), vldrwq_s32(s + 4));
                    vstrbq_s16(y, vminq_s16(vmaxq_s16(v, lo), hi));
                }
            }
        }
    }
#else
    int16_t xb[TF_DWL_MAX_PIXELS];
    (void)kind;
    for (c = 0; c < C; ++c) {
        const int8_t *wg = filter + (c / 8) * KH * KW * 8 + c % 8;
        for (p = 0; p < H * W; ++p) {
            xb[p] = (int16_t)(in[p * C + c] + io);
        }
        for (oy = 0; oy < OH; ++oy) {
            for (ox = 0; ox < OW; ++ox) {
                const int32_t iy0 = oy * SH - PT, ix0 = ox * SW - PL;
                int32_t acc = bias[c], fy, fx;
                for (fy = 0; fy < KH; ++fy) {
                    for (fx = 0; fx < KW; ++fx) {
                        const int32_t iy = iy0 + fy, ix = ix0 + fx;
                        if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                            acc += (int32_t)wg[(fy * KW + fx) * 8] * xb[iy * W + ix];
                        }
                    }
                }
                out[(oy * OW + ox) * C + c] = tf_requant_s8(acc, quant->multiplier[c], quant->shift[c],
                                                            params->output_offset, params->activation.min,
                                                            params->activation.max);
            }
        }
    }
#endif
}

#endif
