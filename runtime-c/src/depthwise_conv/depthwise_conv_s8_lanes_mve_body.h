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

/* Input pixels (H * W) up to which the body applies: its copy of a group on the stack is 16 bytes a pixel. */
#define TF_DWL_MAX_PIXELS 100
/* Filter columns up to which the body applies (the tap row's switch), output columns (unrolled). */
#define TF_DWL_MAX_KW 8
#define TF_DWL_MAX_OW 8
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
/* The 8 channels c..c+7 of one pixel (even channels in ae, odd in ao, bias included) requantized, in channel
 * order as int16 lanes: tf_mve_requant_apply's steps on each half with the channels' multipliers and shifts
 * (gathered here, even and odd channels: held across pixels they would crowd out the accumulators; a left
 * shift skipped when no shift is positive, the fix-up is the sign bit itself when every shift is negative),
 * the output offset added in int32 (wrapping, as tf_requant_s8), then VQMOVNB / VQMOVNT narrow to int16 with
 * saturation and the activation clamps 8 lanes at once: act_min and act_max lie in int8, so clamping the
 * saturated value gives the same as clamping the int32 one. */
static inline __attribute__((always_inline)) int16x8_t tf_dwl_requant(int32x4_t ae, int32x4_t ao, const int32_t *mult,
                                                                     const int32_t *shift, int32_t output_offset,
                                                                     int32_t act_min, int32_t act_max, const int kind)
{
    const uint32x4_t even = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
    const int32x4_t se = vldrwq_gather_shifted_offset_s32(shift, even), so = vldrwq_gather_shifted_offset_s32(shift, odd);
    if (kind == TF_DWL_SHIFT_ANY) {
        ae = vshlq_s32(ae, vmaxq_s32(se, vdupq_n_s32(0)));
        ao = vshlq_s32(ao, vmaxq_s32(so, vdupq_n_s32(0)));
    }
    ae = vqrdmulhq_s32(ae, vldrwq_gather_shifted_offset_s32(mult, even));
    ao = vqrdmulhq_s32(ao, vldrwq_gather_shifted_offset_s32(mult, odd));
    if (kind == TF_DWL_SHIFT_NEGATIVE) {
        /* every e = -shift >= 1: the fix-up (x AND -e) >> 31 is x >> 31 */
        ae = vrshlq_s32(vqaddq_s32(ae, vshrq_n_s32(ae, 31)), se);
        ao = vrshlq_s32(vqaddq_s32(ao, vshrq_n_s32(ao, 31)), so);
    } else {
        const int32x4_t re = vminq_s32(se, vdupq_n_s32(0)), ro = vminq_s32(so, vdupq_n_s32(0));
        ae = vrshlq_s32(vqaddq_s32(ae, vshrq_n_s32(vandq_s32(ae, re), 31)), re);
        ao = vrshlq_s32(vqaddq_s32(ao, vshrq_n_s32(vandq_s32(ao, ro), 31)), ro);
    }
    ae = vaddq_n_s32(ae, output_offset);
    ao = vaddq_n_s32(ao, output_offset);
    return vminq_s16(vmaxq_s16(vqmovntq_s32(vqmovnbq_s32(vdupq_n_s16(0), ae), ao), vdupq_n_s16((int16_t)act_min)),
                     vdupq_n_s16((int16_t)act_max));
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
    const int32_t oo = params->output_offset;
    for (c = 0; c < C; c += 8) {
        const int8_t *wg = filter + c * KH * KW;
        for (p = 0; p < H * W; ++p) {
            vstrhq_s16(xb + p * 8, vaddq_n_s16(vldrbq_s16(in + p * C + c), (int16_t)io));
        }
        for (oy = 0; oy < OH; ++oy) {
            const int32_t iy0 = oy * SH - PT;
            const int32_t fy0 = iy0 < 0 ? -iy0 : 0, fy1 = H - iy0 < KH ? H - iy0 : KH;
            /* unrolled: each pixel's column range, so its tap rows, are constants */
#pragma GCC unroll 8
            for (ox = 0; ox < OW; ++ox) {
                const int32_t ix0 = ox * SW - PL;
                const int32_t fx0 = ix0 < 0 ? -ix0 : 0, fx1 = W - ix0 < KW ? W - ix0 : KW;
                const int16_t *xr = xb + ((iy0 + fy0) * W + ix0 + fx0) * 8;
                const int8_t *wr = wg + (fy0 * KW + fx0) * 8;
                const int32_t *mult = quant->multiplier + c, *shift = quant->shift + c, *b = bias + c;
                int32x4_t ae, ao;
                int32_t fy;
                /* the constants are loaded per pixel (kept from being hoisted into registers the taps need) */
                __asm__("" : "+r"(mult), "+r"(shift), "+r"(b));
                ae = vldrwq_gather_shifted_offset_s32(b, vidupq_n_u32(0, 2));
                ao = vldrwq_gather_shifted_offset_s32(b, vidupq_n_u32(1, 2));
                for (fy = fy0; fy < fy1; ++fy, xr += W * 8, wr += KW * 8) {
                    tf_dwl_row(xr, wr, fx1 - fx0, &ae, &ao);
                }
                vstrbq_s16(out + (oy * OW + ox) * C + c,
                           tf_dwl_requant(ae, ao, mult, shift, oo, params->activation.min, params->activation.max, kind));
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
