/* Depthwise int8 (depth multiplier 1, one image) for Helium (MVE) through padded channel planes: the
 * channels of a band are copied, one plane each, into a stack buffer with the padding filled with the
 * input zero point (so, with the folded bias of common/tf_mve_s8.h, every output pixel is an "interior"
 * one: a padded tap adds w * (zp + input_offset) = 0 like the tap TFLM skips). Each channel is then
 * computed 4 output pixels per int32 vector: for every tap one gather load (VLDRB.S32 [plane, offsets],
 * the offsets of 4 consecutive output pixels in row-major order from a table, so short rows, strides and
 * row ends cost nothing extra) and one VMLA by the tap's weight as a scalar; 3 such vectors share each
 * weight. The 4 sums are requantized with the channel's scalar constants and scattered (VSTRB.32
 * [out, {0, C, 2C, 3C}]) to their NHWC bytes.
 *
 * Byte contract: a band's input planes are copied completely before any of its outputs is written, and
 * its outputs (channel c of output pixel q at byte q * C + c) are only ever the band's own channels. So
 * the kernel runs out of place or fully in place (output at the input's first byte) alike: no output byte
 * is written over an input byte a later band still reads.
 * The kernel is depthwise_conv/depthwise_conv_s8_planar_mve.c (what it covers is said in tf_kernels.h). */
#ifndef TF_DW_PLANAR_MVE_H
#define TF_DW_PLANAR_MVE_H

#include "tf_kernels.h"
#include "tf_mve_s8.h"

/* Padded channel planes held on the stack at once (TF_DW_PLANAR_MAX_PLANE in tf_kernels.h: at least one). */
#define TF_DWP_PLANE_BYTES TF_DW_PLANAR_MAX_PLANE
/* Output pixels per offset table (uint16, on the stack; a multiple of the 12 pixels of a block step). */
#define TF_DWP_CHUNK 180

#if defined(__ARM_FEATURE_MVE)
/* The band's plane geometry: rows Hp and columns Wp of a padded plane (only what the taps reach), S its bytes. */
typedef struct {
    int32_t C, in_w, out_w, f_h, f_w, Wp, S, row_step, dw; /* row_step: dilation_h * Wp */
} tf_dwp_geom;

/* One channel's requantization with its constants in registers: TFLite's shift is either a left shift
 * (>= 0, VSHL; 0 is the identity) or a right one (< 0: the rounding fix-up and VRSHL of
 * tf_mve_requant_apply, there exactly what they are for); `right` is a constant after inlining. */
typedef struct {
    int32_t multiplier, shift, output_offset;
    int32x4_t lo, hi;
} tf_dwp_rq;

static inline __attribute__((always_inline)) int32x4_t tf_dwp_requant(const tf_dwp_rq *q, int32x4_t v, const int right)
{
    if (!right) v = vshlq_r_s32(v, q->shift);
    v = vqrdmulhq_n_s32(v, q->multiplier);
    if (right) {
        v = vqaddq_s32(v, vshrq_n_s32(v, 31));
        v = vrshlq_n_s32(v, q->shift);
    }
    v = vaddq_n_s32(v, q->output_offset);
    return vminq_s32(vmaxq_s32(v, q->lo), q->hi);
}

/* Output pixels [q, q + 4 * nb) of one channel (the last `left` of them real when partial; nb a
 * constant): plane: the channel's padded plane; table: the pixels' plane offsets; wk: the channel's taps. */
static inline __attribute__((always_inline)) void tf_dwp_blocks(const tf_dwp_geom *g, const int8_t *plane,
                                                               const uint16_t *table, const int32_t *wk, const int32_t f_h,
                                                               const int32_t f_w, const int32_t dw, const int nb,
                                                               const int partial, int32_t left, int32_t bias,
                                                               const tf_dwp_rq *rq, const int right, uint32x4_t so, int8_t *y)
{
    const uint32x4_t o0 = vldrhq_u32(table);
    const uint32x4_t o1 = nb > 1 ? vldrhq_u32(table + 4) : o0;
    const uint32x4_t o2 = nb > 2 ? vldrhq_u32(table + 8) : o0;
    int32x4_t a0 = vdupq_n_s32(bias), a1 = a0, a2 = a0;
    int32_t fy, fx;
#pragma GCC unroll 7
    for (fy = 0; fy < f_h; ++fy) {
        const int8_t *row = plane + fy * g->row_step;
#pragma GCC unroll 7
        for (fx = 0; fx < f_w; ++fx) {
            const int8_t *base = row + fx * dw;
            const int32_t w = wk[fy * f_w + fx];
            a0 = vmlaq_n_s32(a0, vldrbq_gather_offset_s32(base, o0), w);
            if (nb > 1) a1 = vmlaq_n_s32(a1, vldrbq_gather_offset_s32(base, o1), w);
            if (nb > 2) a2 = vmlaq_n_s32(a2, vldrbq_gather_offset_s32(base, o2), w);
        }
    }
    if (!partial) {
        vstrbq_scatter_offset_s32(y, so, tf_dwp_requant(rq, a0, right));
        if (nb > 1) vstrbq_scatter_offset_s32(y + 4 * g->C, so, tf_dwp_requant(rq, a1, right));
        if (nb > 2) vstrbq_scatter_offset_s32(y + 8 * g->C, so, tf_dwp_requant(rq, a2, right));
    } else {
        vstrbq_scatter_offset_p_s32(y, so, tf_dwp_requant(rq, a0, right), vctp32q((uint32_t)left));
        if (nb > 1) vstrbq_scatter_offset_p_s32(y + 4 * g->C, so, tf_dwp_requant(rq, a1, right), vctp32q((uint32_t)(left - 4)));
        if (nb > 2) vstrbq_scatter_offset_p_s32(y + 8 * g->C, so, tf_dwp_requant(rq, a2, right), vctp32q((uint32_t)(left - 8)));
    }
}

/* The n output pixels of a table (chunk) for one channel: 12 at a time, then the last 1 to 11. */
static inline __attribute__((always_inline)) void tf_dwp_channel(const tf_dwp_geom *g, const int8_t *plane,
                                                                const uint16_t *table, int32_t n, const int32_t *wk,
                                                                const int32_t f_h, const int32_t f_w, const int32_t dw,
                                                                const tf_dwp_rq *rq, const int right, int32_t bias, int8_t *y)
{
    const uint32x4_t so = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)g->C);
    int32_t q = 0;
    for (; q + 12 <= n; q += 12) {
        tf_dwp_blocks(g, plane, table + q, wk, f_h, f_w, dw, 3, 0, 12, bias, rq, right, so, y + q * g->C);
    }
    if (n - q > 8) {
        tf_dwp_blocks(g, plane, table + q, wk, f_h, f_w, dw, 3, 1, n - q, bias, rq, right, so, y + q * g->C);
    } else if (n - q > 4) {
        tf_dwp_blocks(g, plane, table + q, wk, f_h, f_w, dw, 2, 1, n - q, bias, rq, right, so, y + q * g->C);
    } else if (n - q > 0) {
        tf_dwp_blocks(g, plane, table + q, wk, f_h, f_w, dw, 1, 1, n - q, bias, rq, right, so, y + q * g->C);
    }
}

/* tf_dwp_channel for a filter size (constants) and both kinds of shift. */
static inline __attribute__((always_inline)) void tf_dwp_channel_k(const tf_dwp_geom *g, const int8_t *plane,
                                                                  const uint16_t *table, int32_t n, const int32_t *wk,
                                                                  const int32_t f_h, const int32_t f_w, const int32_t dw,
                                                                  const tf_dwp_rq *rq, int32_t bias, int8_t *y)
{
    if (rq->shift < 0) {
        tf_dwp_channel(g, plane, table, n, wk, f_h, f_w, dw, rq, 1, bias, y);
    } else {
        tf_dwp_channel(g, plane, table, n, wk, f_h, f_w, dw, rq, 0, bias, y);
    }
}

/* One channel with the usual filters as constants (unrolled taps), others through loops. */
static inline void tf_dwp_channel_any(const tf_dwp_geom *g, const int8_t *plane, const uint16_t *table, int32_t n,
                               const int32_t *wk, const tf_mve_requant *r, int32_t c, int8_t *y)
{
    tf_dwp_rq rq;
    const int32_t bias = r->bias[c];
    rq.multiplier = r->multiplier[c];
    rq.shift = r->shift[c];
    rq.output_offset = r->output_offset;
    rq.lo = vdupq_n_s32(r->act_min);
    rq.hi = vdupq_n_s32(r->act_max);
    if (g->dw == 1 && g->f_h == 3 && g->f_w == 3) {
        tf_dwp_channel_k(g, plane, table, n, wk, 3, 3, 1, &rq, bias, y);
    } else if (g->dw == 1 && g->f_h == 5 && g->f_w == 5) {
        tf_dwp_channel_k(g, plane, table, n, wk, 5, 5, 1, &rq, bias, y);
    } else if (g->dw == 1 && g->f_h == 7 && g->f_w == 7) {
        tf_dwp_channel_k(g, plane, table, n, wk, 7, 7, 1, &rq, bias, y);
    } else {
        tf_dwp_channel_k(g, plane, table, n, wk, g->f_h, g->f_w, g->dw, &rq, bias, y);
    }
}

/* The taps of one channel (filter: its first tap, C apart) as int32, 4 per gather load. */
static inline void tf_dwp_taps(const int8_t *filter, int32_t C, int32_t taps, int32_t *wk)
{
    uint32x4_t o = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)C);
    int32_t t;
    for (t = 0; t + 4 <= taps; t += 4) {
        vstrwq_s32(wk + t, vldrbq_gather_offset_s32(filter, o));
        o = vaddq_n_u32(o, 4u * (uint32_t)C);
    }
    if (t < taps) {
        const mve_pred16_t p = vctp32q((uint32_t)(taps - t));
        vstrwq_p_s32(wk + t, vldrbq_gather_offset_z_s32(filter, o, p), p);
    }
}

/* Plane offsets of output pixels [q0, q0 + n) (row-major), then 12 zeros (reads of lanes past the end stay
 * inside the plane). */
static inline void tf_dwp_table(const tf_dwp_geom *g, int32_t stride_h, int32_t stride_w, int32_t q0, int32_t n, uint16_t *t)
{
    int32_t oy = q0 / g->out_w, ox = q0 % g->out_w, i = 0, j;
    while (i < n) {
        const int32_t run = tf_min_i32(g->out_w - ox, n - i);
        const uint32_t start = (uint32_t)(oy * stride_h * g->Wp + ox * stride_w);
        if (stride_w == 1) {
            for (j = 0; j < run; j += 8) {
                vstrhq_p_u16(t + i + j, vidupq_n_u16(start + (uint32_t)j, 1), vctp16q((uint32_t)(run - j)));
            }
        } else if (stride_w == 2) {
            for (j = 0; j < run; j += 8) {
                vstrhq_p_u16(t + i + j, vidupq_n_u16(start + 2u * (uint32_t)j, 2), vctp16q((uint32_t)(run - j)));
            }
        } else {
            for (j = 0; j < run; ++j) {
                t[i + j] = (uint16_t)(start + (uint32_t)(j * stride_w));
            }
        }
        i += run;
        ox = 0;
        ++oy;
    }
    for (j = 0; j < 12; ++j) {
        t[n + j] = 0;
    }
}

/* Channels [c0, c0 + B) of the input as padded planes (zero point outside the image), rows and columns
 * past what the taps reach left out. */
static inline void tf_dwp_fill(const tf_dwp_geom *g, int32_t in_h, int32_t pad_top, int32_t pad_left, int8_t zp,
                        const int8_t *in, int32_t c0, int32_t B, int8_t *planes)
{
    const int32_t rows = tf_min_i32(in_h, g->S / g->Wp - pad_top), cols = tf_min_i32(g->in_w, g->Wp - pad_left);
    const uint16x8_t go = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)g->C);
    int32_t b, iy, ix;
    tf_mve_fill(planes, zp, B * g->S);
    if (B >= 8) {
        /* 8 channels of a pixel per load, scattered to their planes */
        const uint16x8_t po = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)g->S);
        const int32_t groups = B >> 3;
        const mve_pred16_t tail = vctp16q((uint32_t)(B & 7));
        for (iy = 0; iy < rows; ++iy) {
            const int8_t *src = in + iy * g->in_w * g->C + c0;
            int8_t *dst = planes + (iy + pad_top) * g->Wp + pad_left;
            for (ix = 0; ix < cols; ++ix, src += g->C, ++dst) {
                int32_t k;
                for (k = 0; k < groups; ++k) {
                    vstrbq_scatter_offset_s16(dst + 8 * k * g->S, po, vldrbq_s16(src + 8 * k));
                }
                if (B & 7) {
                    vstrbq_scatter_offset_p_s16(dst + 8 * k * g->S, po, vldrbq_z_s16(src + 8 * k, tail), tail);
                }
            }
        }
        return;
    }
    for (b = 0; b < B; ++b) {
        for (iy = 0; iy < rows; ++iy) {
            const int8_t *src = in + iy * g->in_w * g->C + c0 + b;
            int8_t *dst = planes + b * g->S + (iy + pad_top) * g->Wp + pad_left;
            for (ix = 0; ix + 8 <= cols; ix += 8) {
                vstrbq_s16(dst + ix, vldrbq_gather_offset_s16(src + ix * g->C, go));
            }
            if (ix < cols) {
                const mve_pred16_t p = vctp16q((uint32_t)(cols - ix));
                vstrbq_p_s16(dst + ix, vldrbq_gather_offset_z_s16(src + ix * g->C, go, p), p);
            }
        }
    }
}
#else
/* Channels [c0, c0 + B) as padded planes of Hp x Wp bytes (zero point outside the image), in plain C. */
static inline void tf_dwp_fill_portable(const tf_dw_conv_params *p, const tf_dims *in_dims, const int8_t *in, int32_t c0,
                                        int32_t B, int32_t Hp, int32_t Wp, int8_t *planes)
{
    const int32_t C = in_dims->c, rows = tf_min_i32(in_dims->h, Hp - p->padding.top);
    const int32_t cols = tf_min_i32(in_dims->w, Wp - p->padding.left);
    int32_t b, iy, ix;
    memset(planes, -p->input_offset, (size_t)(B * Hp * Wp));
    for (b = 0; b < B; ++b) {
        for (iy = 0; iy < rows; ++iy) {
            for (ix = 0; ix < cols; ++ix) {
                planes[(b * Hp + iy + p->padding.top) * Wp + ix + p->padding.left] = in[(iy * in_dims->w + ix) * C + c0 + b];
            }
        }
    }
}
#endif

#endif
