/* CONV_2D int8 through im2col columns for Helium (MVE), specialized per layer: the compiler emits a static
 * function per layer calling tf_conv_s8_mve_body with the shapes and the kind of shifts as literal
 * constants (one image, no groups, at most TF_CONV_MVE_MAX_COLUMN taps). Each pair of output pixels'
 * columns (f_h * f_w * in_c taps, the input zero point for taps in the padding: with the folded bias they
 * add w * (-input_offset), see common/tf_mve_s8.h) is gathered on the stack, then multiplied by the OHWI
 * filters as stored through the 1x1 body's pair routine (conv_s8_1x1_mve_body.h), so that the tap count is
 * a constant there too. Also holds the column gathering of tf_conv_s8_mve (conv_s8_mve.c).
 * Order: output pixels two at a time in increasing row-major order; both columns complete before any
 * output of the pair is written. Portable C where __ARM_FEATURE_MVE is absent (same results). */
#ifndef CONV_S8_MVE_BODY_H
#define CONV_S8_MVE_BODY_H

#include "conv_s8_1x1_mve_body.h"

/* The im2col column of output pixel (oy, ox): per filter row, the taps inside the image copied as one run
 * (dilation 1: consecutive pixels are consecutive bytes), the zero point for the rest. */
static inline void tf_conv_mve_column(const tf_conv_params *params, const tf_dims *in_dims, const int8_t *image, int32_t f_h,
                        int32_t f_w, int32_t oy, int32_t ox, int8_t *column)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, in_c = in_dims->c, dh = params->dilation.h, dw = params->dilation.w;
    const int32_t iy0 = oy * params->stride.h - params->padding.top, ix0 = ox * params->stride.w - params->padding.left;
    const int8_t zero_point = (int8_t)(-params->input_offset);
    /* taps fx in [fx0, fx1) lie inside the image horizontally */
    const int32_t fx0 = ix0 >= 0 ? 0 : tf_min_i32(f_w, (-ix0 + dw - 1) / dw);
    const int32_t fx1 = tf_max_i32(fx0, tf_min_i32(f_w, in_w - ix0 > 0 ? (in_w - ix0 + dw - 1) / dw : 0));
    const int32_t run = f_w * in_c;
    int32_t fy, fx;
#if defined(__ARM_FEATURE_MVE)
    if (fx0 == 0 && fx1 == f_w && dw == 1 && run <= 16 && iy0 >= 0 && iy0 + dh * (f_h - 1) < in_h) {
        /* Every tap inside and each filter row one vector (a first layer's 3x3x3): no loops, no fills. */
        const mve_pred16_t p = vctp8q((uint32_t)run);
        const int8_t *src = image + (iy0 * in_w + ix0) * in_c;
        for (fy = 0; fy < f_h; ++fy, column += run, src += dh * in_w * in_c) {
            vstrbq_p_s8(column, vldrbq_z_s8(src, p), p);
        }
        return;
    }
#endif
    for (fy = 0; fy < f_h; ++fy, column += run) {
        const int32_t iy = iy0 + dh * fy;
        if (iy < 0 || iy >= in_h) {
            tf_mve_fill(column, zero_point, run);
            continue;
        }
        tf_mve_fill(column, zero_point, fx0 * in_c);
        if (dw == 1) {
            tf_mve_copy(column + fx0 * in_c, image + (iy * in_w + ix0 + fx0) * in_c, (fx1 - fx0) * in_c);
        } else {
            for (fx = fx0; fx < fx1; ++fx) {
                tf_mve_copy(column + fx * in_c, image + (iy * in_w + ix0 + dw * fx) * in_c, in_c);
            }
        }
        tf_mve_fill(column + fx1 * in_c, zero_point, (f_w - fx1) * in_c);
    }
}

/* The layer (one image): OUT_H x OUT_W output pixels of OC channels from IN_H x IN_W x IN_C input, filter
 * F_H x F_W; every argument after `out` a constant at the call. Reads only stride, dilation, padding,
 * offsets and activation of params. */
static inline __attribute__((always_inline)) void tf_conv_s8_mve_body(const tf_conv_params *params,
                                                                      const tf_per_channel_quant *quant,
                                                                      const int8_t *filter, const int32_t *folded_bias,
                                                                      const int8_t *in, int8_t *out, const int32_t IN_H,
                                                                      const int32_t IN_W, const int32_t IN_C,
                                                                      const int32_t F_H, const int32_t F_W,
                                                                      const int32_t OUT_H, const int32_t OUT_W,
                                                                      const int32_t OC, const int kind)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const tf_dims in_dims = {1, IN_H, IN_W, IN_C};
    const int32_t K = F_H * F_W * IN_C, pixels = OUT_H * OUT_W;
    int8_t columns[2][F_H * F_W * IN_C];
    int32_t q;
    (void)kind;
    for (q = 0; q + 2 <= pixels; q += 2) {
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, q / OUT_W, q % OUT_W, columns[0]);
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, (q + 1) / OUT_W, (q + 1) % OUT_W, columns[1]);
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, columns[0], columns[1], out + q * OC, out + (q + 1) * OC, K, OC, 1, kind);
#else
        tf_mve_rows2_s8(columns[0], columns[1], filter, K, OC, &rq, out + q * OC, out + (q + 1) * OC);
#endif
    }
    if (q < pixels) {
        tf_conv_mve_column(params, &in_dims, in, F_H, F_W, q / OUT_W, q % OUT_W, columns[0]);
#if defined(__ARM_FEATURE_MVE)
        tf_pw_mve_pixels(&rq, filter, columns[0], columns[0], out + q * OC, out + q * OC, K, OC, 0, kind);
#else
        tf_mve_rows_s8(columns[0], filter, K, OC, &rq, out + q * OC);
#endif
    }
}

/* Up to 32 taps per output (a first layer's 3x3x3): each pixel's taps gathered straight from the image
 * into two vectors, no column on the stack. tf_conv_s8_mve_gather_body's prepared constants:
 *  - filter32: the OHWI filters, each padded with zeros to 32 taps (so a vector's lanes past K add 0), as
 *    little-endian words (word loads reach 508 bytes from one base register);
 *  - taps[96]: byte offsets of taps 0..15 from the pixel's first tap, then of taps 16..31 from its tap 16
 *    (B_AT bytes further; lanes past K point at 0), each within 255 (one VLDRB gather with u8 offsets); then
 *    each lane's filter row, then its filter column (lanes past K: those of the tap they point at), for the
 *    pixels whose window reaches the padding: their taps inside the image are gathered under a predicate;
 *  - consts: per 4 output channels, 4 x {folded bias}, {multiplier}, {min(shift, 0)}, {max(shift, 0)}.
 * Images too large for byte rows and columns take those pixels' taps from a column on the stack instead. */
#define TF_CONV_GATHER_MAX_TAPS 32

#if defined(__ARM_FEATURE_MVE)
/* 16 bytes at base + OFF (OFF a constant, a multiple of 4 up to 508): one VLDRW with an immediate offset, so
 * that gcc keeps one base register for a whole table instead of an address per load (spilled). */
#define TF_CONV_LDW(base, OFF)                                                                                   \
    __extension__({                                                                                              \
        int32x4_t tf_ldw_v_;                                                                                     \
        __asm__("vldrw.32 %q0, [%1, #%c2]" : "=w"(tf_ldw_v_) : "r"(base), "i"(OFF), "m"(*(const int32_t(*)[128])(base))); \
        tf_ldw_v_;                                                                                               \
    })

/* Taps of output pixel (oy, ox) as two vectors: gathered from the image when the window lies inside
 * (inside: a constant or a test of the caller), else from its im2col column (zero point in the padding). */
static inline __attribute__((always_inline)) void tf_conv_gather_taps(const tf_conv_params *params, const tf_dims *in_dims,
                                                                     const int8_t *in, int32_t IN_W, int32_t IN_C, int32_t F_H,
                                                                     int32_t F_W, int32_t SH,
                                                                     int32_t SW, int32_t PT, int32_t PL, int32_t B_AT,
                                                                     const uint8_t *taps, int32_t oy, int32_t ox,
                                                                     int inside, const int edge_gather, int8_t *column,
                                                                     int8x16_t *a, int8x16_t *b)
{
    const int32_t iy0 = oy * SH - PT, ix0 = ox * SW - PL;
    if (inside) {
        const int8_t *p = in + (iy0 * IN_W + ix0) * IN_C;
        *a = vldrbq_gather_offset_s8(p, vldrbq_u8(taps));
        *b = vldrbq_gather_offset_s8(p + B_AT, vldrbq_u8(taps + 16));
    } else if (edge_gather) {
        /* taps whose row iy0 + fy and column ix0 + fx (as bytes: below 0 wraps past the image) lie inside are
         * gathered, the others are the input zero point and never read; the window's first byte may lie outside the
         * image (an address only: inactive lanes make no access) */
        const int8_t *p = (const int8_t *)((uintptr_t)in + (uintptr_t)(intptr_t)((iy0 * IN_W + ix0) * IN_C));
        const uint8x16_t last_row = vdupq_n_u8((uint8_t)(in_dims->h - 1)), last_col = vdupq_n_u8((uint8_t)(IN_W - 1));
        const int8x16_t zero_point = vdupq_n_s8((int8_t)(-params->input_offset));
        mve_pred16_t pa = vcmpcsq_u8(last_row, vaddq_n_u8(vldrbq_u8(taps + 32), (uint8_t)iy0));
        mve_pred16_t pb = vcmpcsq_u8(last_row, vaddq_n_u8(vldrbq_u8(taps + 48), (uint8_t)iy0));
        pa = vcmpcsq_m_u8(last_col, vaddq_n_u8(vldrbq_u8(taps + 64), (uint8_t)ix0), pa);
        pb = vcmpcsq_m_u8(last_col, vaddq_n_u8(vldrbq_u8(taps + 80), (uint8_t)ix0), pb);
        *a = vpselq_s8(vldrbq_gather_offset_z_s8(p, vldrbq_u8(taps), pa), zero_point, pa);
        *b = vpselq_s8(vldrbq_gather_offset_z_s8(p + B_AT, vldrbq_u8(taps + 16), pb), zero_point, pb);
    } else {
        tf_conv_mve_column(params, in_dims, in, F_H, F_W, oy, ox, column);
        *a = vldrbq_s8(column);
        *b = vldrbq_s8(column + 16);
    }
}

/* Output channels oc..oc+7 of the pixel with taps (a, b) at y: 2 VMLADAV per sum (one when K <= 16), the sums of
 * channels oc + {0, 2, 4, 6} moved into u and of oc + {1, 3, 5, 7} into v two at a time (only 2 sums live:
 * VMLADAV writes even registers only), each requantized as 4 lanes with the constants prepared in that lane
 * order, then narrowed (saturating) into one int16x8 in channel order (u into the even lanes, v into the odd),
 * the output zero point added and clamped on 8 lanes, and stored with one VSTRB.16. Narrowing is exact: a
 * requantized value outside int16 saturates to one that clamps to the same activation bound (|zero point| <= 128
 * keeps the saturated sum outside int8); the reference's int32 add of the zero point would itself overflow only
 * for |v| > 2^31 - 129. full_range: act = [-128, 127], the clamp is the saturating narrowing to int8.
 * WO / CO: byte offsets of channel oc's filter / constants from w / c. */
static inline __attribute__((always_inline)) void tf_conv_gather_block8(const int32_t *w, const int32_t *c, const int WO,
                                                                       const int CO, int8x16_t a, int8x16_t b, int8_t *y,
                                                                       int32_t output_offset, int32_t act_min,
                                                                       int32_t act_max, const int32_t K, const int kind)
{
    const int shifts = kind & 3, relu = kind & TF_PW_RELU;
    const int full_range = act_min == -128 && act_max == 127;
    int32_t sum[8];
    int32x4_t u, v;
    int16x8_t n;
    int j;
#pragma GCC unroll 8
    for (j = 0; j < 8; ++j) {
        /* u holds the sums of channels oc + {0, 2, 4, 6}, v of oc + {1, 3, 5, 7}: sum[j] is channel 2 * (j % 4) + j / 4 */
        const int ch = 2 * (j % 4) + j / 4;
        sum[j] = vmladavq_s8(a, vreinterpretq_s8_s32(TF_CONV_LDW(w, WO + 32 * ch)));
        if (K > 16) sum[j] = vmladavaq_s8(sum[j], b, vreinterpretq_s8_s32(TF_CONV_LDW(w, WO + 32 * ch + 16)));
        if (j == 3) u = tf_mve_vec4(sum[0], sum[1], sum[2], sum[3]);
    }
    v = tf_mve_vec4(sum[4], sum[5], sum[6], sum[7]);
    /* constants: {bias, multiplier, min(shift, 0), max(shift, 0)} of u's lanes, then of v's */
    u = vaddq_s32(u, TF_CONV_LDW(c, CO));
    v = vaddq_s32(v, TF_CONV_LDW(c, CO + 64));
    if (shifts == TF_PW_SHIFT_ANY) {
        u = vshlq_s32(u, TF_CONV_LDW(c, CO + 48));
        v = vshlq_s32(v, TF_CONV_LDW(c, CO + 112));
    }
    u = vqrdmulhq_s32(u, TF_CONV_LDW(c, CO + 16));
    v = vqrdmulhq_s32(v, TF_CONV_LDW(c, CO + 80));
    {
        const int32x4_t ru = TF_CONV_LDW(c, CO + 32), rv = TF_CONV_LDW(c, CO + 96);
        if (!relu) {
            /* the rounding fix-up of tf_mve_requant_apply (right == shift when every shift is negative) */
            u = vqaddq_s32(u, vshrq_n_s32(shifts == TF_PW_SHIFT_NEGATIVE ? u : vandq_s32(u, ru), 31));
            v = vqaddq_s32(v, vshrq_n_s32(shifts == TF_PW_SHIFT_NEGATIVE ? v : vandq_s32(v, rv), 31));
        }
        u = vrshlq_s32(u, ru);
        v = vrshlq_s32(v, rv);
    }
    n = tf_mve_narrow16(u, v);
    n = vqaddq_n_s16(n, (int16_t)output_offset);
    if (full_range) {
        /* in n's own register (as tf_mve_narrow8): the even bytes, the ones VSTRB.16 stores */
        __asm__("vqmovnb.s16 %q0, %q0" : "+w"(n));
    } else {
        n = vminq_s16(vmaxq_s16(n, vdupq_n_s16((int16_t)act_min)), vdupq_n_s16((int16_t)act_max));
    }
    vstrbq_s16(y, n);
}

/* Every output channel (OC a multiple of 8) of the pixel with taps (a, b): 16 channels per base register (filter
 * offsets up to 496 bytes, constants up to 224). */
static inline __attribute__((always_inline)) void tf_conv_gather_pixel(const int32_t *w, const int32_t *c, int8x16_t a,
                                                                      int8x16_t b, int8_t *y, const tf_conv_params *params,
                                                                      const int32_t K, const int32_t OC, const int kind)
{
    int32_t oc;
#pragma GCC unroll 64
    for (oc = 0; oc < OC; oc += 8) {
        tf_conv_gather_block8(w + 128 * (oc / 16), c + 64 * (oc / 16), 32 * (oc % 16), 16 * (oc % 16), a, b, y + oc,
                              params->output_offset, params->activation.min, params->activation.max, K, kind);
    }
}

/* Output pixels ox in [x0, x1) of row oy: taps gathered from the image (inside) or from the column. */
static inline __attribute__((always_inline)) void tf_conv_gather_run(const tf_conv_params *params, const tf_dims *in_dims,
                                                                    const int8_t *in, const int32_t *w, const int32_t *c,
                                                                    const uint8_t *taps, int8_t *column, int8_t *out,
                                                                    int32_t IN_W, int32_t IN_C, int32_t F_H, int32_t F_W,
                                                                    int32_t SH, int32_t SW, int32_t PT,
                                                                    int32_t PL, int32_t B_AT, int32_t OUT_H, int32_t OUT_W, int32_t OC,
                                                                    int32_t oy, int32_t x0, int32_t x1, const int inside,
                                                                    const int kind)
{
    int32_t ox;
    for (ox = x0; ox < x1; ++ox) {
        int8x16_t a, b;
        /* rows and columns as bytes: the padding's (below 0 or past the image) must read as outside */
        const int edge_gather = PT + in_dims->h <= 255 && (OUT_H - 1) * SH - PT + F_H <= 255 && PL + IN_W <= 255 &&
                                (OUT_W - 1) * SW - PL + F_W <= 255;
        tf_conv_gather_taps(params, in_dims, in, IN_W, IN_C, F_H, F_W, SH, SW, PT, PL, B_AT, taps, oy, ox, inside,
                            edge_gather, column, &a, &b);
        tf_conv_gather_pixel(w, c, a, b, out + (oy * OUT_W + ox) * OC, params, F_H * F_W * IN_C, OC, kind);
    }
}
#endif

/* The layer (one image, dilation 1, K = F_H * F_W * IN_C <= 32 taps, OC a multiple of 4): filter, quant and
 * folded_bias as for tf_conv_s8_mve_body (the portable twin runs that body), filter32 / taps / consts as
 * above; every argument after `out` a constant at the call. Output pixels in row-major order, two at a time
 * within a row; a pair's taps are all read before its outputs are written. */
static inline __attribute__((always_inline)) void tf_conv_s8_mve_gather_body(
    const tf_conv_params *params, const tf_per_channel_quant *quant, const int8_t *filter, const int32_t *folded_bias,
    const int32_t *filter32, const uint8_t *taps, const int32_t *consts, const int8_t *in, int8_t *out, const int32_t IN_H,
    const int32_t IN_W, const int32_t IN_C, const int32_t F_H, const int32_t F_W, const int32_t SH, const int32_t SW,
    const int32_t PT, const int32_t PL, const int32_t OUT_H, const int32_t OUT_W, const int32_t OC, const int32_t B_AT,
    const int kind)
{
#if defined(__ARM_FEATURE_MVE)
    const tf_dims in_dims = {1, IN_H, IN_W, IN_C};
    /* output columns [OX_LO, OX_HI] have their window inside the image horizontally */
    const int32_t OX_LO = (PL + SW - 1) / SW, OX_HI = tf_min_i32(OUT_W - 1, IN_W - F_W + PL >= 0 ? (IN_W - F_W + PL) / SW : -1);
    const int32_t *w = filter32, *c = consts;
    int8_t column[TF_CONV_GATHER_MAX_TAPS] = {0};
    int32_t oy;
    /* the tables' addresses as registers (one base each), not as a literal per load */
    __asm__("" : "+r"(w), "+r"(c));
    (void)quant;
    (void)filter;
    (void)folded_bias;
    for (oy = 0; oy < OUT_H; ++oy) {
        const int32_t iy0 = oy * SH - PT;
        if (iy0 >= 0 && iy0 + F_H <= IN_H && OX_LO <= OX_HI) {
            tf_conv_gather_run(params, &in_dims, in, w, c, taps, column, out, IN_W, IN_C, F_H, F_W, SH, SW, PT, PL, B_AT, OUT_H, OUT_W, OC, oy,
                               0, OX_LO, 0, kind);
            tf_conv_gather_run(params, &in_dims, in, w, c, taps, column, out, IN_W, IN_C, F_H, F_W, SH, SW, PT, PL, B_AT, OUT_H, OUT_W, OC, oy,
                               OX_LO, OX_HI + 1, 1, kind);
            tf_conv_gather_run(params, &in_dims, in, w, c, taps, column, out, IN_W, IN_C, F_H, F_W, SH, SW, PT, PL, B_AT, OUT_H, OUT_W, OC, oy,
                               OX_HI + 1, OUT_W, 0, kind);
        } else {
            tf_conv_gather_run(params, &in_dims, in, w, c, taps, column, out, IN_W, IN_C, F_H, F_W, SH, SW, PT, PL, B_AT, OUT_H, OUT_W, OC, oy,
                               0, OUT_W, 0, kind);
        }
    }
#else
    (void)filter32;
    (void)taps;
    (void)consts;
    (void)SH;
    (void)SW;
    (void)PT;
    (void)PL;
    (void)B_AT;
    tf_conv_s8_mve_body(params, quant, filter, folded_bias, in, out, IN_H, IN_W, IN_C, F_H, F_W, OUT_H, OUT_W, OC, kind);
#endif
}

#endif
