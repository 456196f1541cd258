/* Depthwise int8 (depth multiplier 1, dilation 1, one image) for Helium (MVE) through row bands: the
 * channels are first copied into padded planes as in common/tf_dw_planar_mve.h (padding = the input zero
 * point, so with the folded bias every tap is a plain product of the stored byte). For each output row of
 * one channel the kh plane rows it reads are laid out column by column in a band, band[x * kh + fy] =
 * plane[oy * stride_h + fy][x]; the kh x kw taps of output pixel ox are then the kh * kw consecutive bytes
 * from band[ox * stride_w * kh], i.e. one to four 16-byte loads, and VMLADAV.S8 sums 16 products at once
 * against the channel's taps in the same order (fx * kh + fy, zeros past kh * kw: the filter is
 * rearranged so by the compiler, dev.tinyforge.backend.c.emitters.MveDepthwise). With one chunk (kh * kw
 * <= 16, a 3x3 filter) one load serves up to three neighbouring pixels, against copies of the taps moved
 * up by stride_w * kh lanes per pixel. A row's sums go to an int32 buffer; 4 pixels at a time get the
 * bias, are requantized (tf_dwp_requant) and scattered to their NHWC bytes (VSTRB.32, C apart).
 * Byte contract: the same as tf_dw_planar_mve.h (a band of channels is copied before any of its outputs is
 * written, and only its own channels are written), so out == in (in place) is safe.
 * The kernel is depthwise_conv/depthwise_conv_s8_band_mve.c (what it covers is said in tf_kernels.h). */
#ifndef TF_DW_BAND_MVE_H
#define TF_DW_BAND_MVE_H

#include "tf_dw_planar_mve.h"

/* Output pixels whose sums are held at once (int32, on the stack), and slack for a last block of three. */
#define TF_DWB_SUMS (TF_DW_BAND_MAX_ROW + 4)

#if defined(__ARM_FEATURE_MVE)
/* Plane rows [r0, r1) into a band whose row r0 - (r1 - r0) ... lies at band: band[x * kh + r - first] = plane
 * row r, column x (Wp columns), first = the band's top plane row. */
static inline __attribute__((always_inline)) void tf_dwb_rows(const int8_t *plane, int32_t Wp, int32_t kh, int32_t r0,
                                                             int32_t r1, uint8x16_t spread, int8_t *band)
{
    const int8_t *src = plane + r0 * Wp;
    int32_t r, x;
    if (Wp <= 16) {
        const mve_pred16_t p = vctp8q((uint32_t)Wp);
        for (r = r0; r < r1; ++r, ++band, src += Wp) {
            vstrbq_scatter_offset_p_s8(band, spread, vldrbq_s8(src), p);
        }
        return;
    }
    for (r = r0; r < r1; ++r, ++band, src += Wp) {
        for (x = 0; x + 16 <= Wp; x += 16) {
            vstrbq_scatter_offset_s8(band + x * kh, spread, vldrbq_s8(src + x));
        }
        if (x < Wp) {
            vstrbq_scatter_offset_p_s8(band + x * kh, spread, vldrbq_s8(src + x), vctp8q((uint32_t)(Wp - x)));
        }
    }
}

/* Sums of output pixels [0, n) of a row: nch 16-byte chunks per pixel (taps w0..w3), pixels step bytes
 * apart in the band; with nch == 1, `share` pixels (1 to 3) per load against w0 and its shifted copies w1, w2. */
static inline __attribute__((always_inline)) void tf_dwb_row(const int8_t *band, int32_t n, int32_t step, const int nch,
                                                            const int share, int8x16_t w0, int8x16_t w1, int8x16_t w2,
                                                            int8x16_t w3, int32_t *sums)
{
    int32_t ox;
    if (nch == 1 && share > 1) {
        for (ox = 0; ox < n; ox += share, band += share * step, sums += share) {
            const int8x16_t v = vldrbq_s8(band);
            sums[0] = vmladavq_s8(v, w0);
            sums[1] = vmladavq_s8(v, w1);
            if (share > 2) sums[2] = vmladavq_s8(v, w2);
        }
        return;
    }
    for (ox = 0; ox < n; ++ox, band += step) {
        int32_t a = vmladavq_s8(vldrbq_s8(band), w0);
        if (nch > 1) a = vmladavaq_s8(a, vldrbq_s8(band + 16), w1);
        if (nch > 2) a = vmladavaq_s8(a, vldrbq_s8(band + 32), w2);
        if (nch > 3) a = vmladavaq_s8(a, vldrbq_s8(band + 48), w3);
        sums[ox] = a;
    }
}

/* Requantizes sums [0, n) of one channel (bias added) and stores them to y, pixel k at y[k * C]. */
static inline __attribute__((always_inline)) void tf_dwb_store(const int32_t *sums, int32_t n, int32_t bias,
                                                              const tf_dwp_rq *rq, const int right, int32_t C, int8_t *y)
{
    const uint32x4_t so = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)C);
    const tf_dwp_rq q = *rq;
    int32_t k;
    for (k = 0; k + 4 <= n; k += 4, y += 4 * C) {
        vstrbq_scatter_offset_s32(y, so, tf_dwp_requant(&q, vaddq_n_s32(vldrwq_s32(sums + k), bias), right));
    }
    if (k < n) {
        const int32x4_t v = tf_dwp_requant(&q, vaddq_n_s32(vldrwq_s32(sums + k), bias), right);
        vstrbq_scatter_offset_p_s32(y, so, v, vctp32q((uint32_t)(n - k)));
    }
}

/* tf_dwb_store as a function of its own (its constants in registers, not spilled by the sums' loops). */
static void __attribute__((noinline)) tf_dwb_store_any(const int32_t *sums, int32_t n, int32_t bias, const tf_dwp_rq *rq,
                                                        int32_t C, int8_t *y)
{
    if (rq->shift < 0) {
        tf_dwb_store(sums, n, bias, rq, 1, C, y);
    } else {
        tf_dwb_store(sums, n, bias, rq, 0, C, y);
    }
}

/* The band geometry of a layer. */
typedef struct {
    int32_t C, Wp, kh, out_h, out_w, stride_h, step, rows; /* step: stride_w * kh; rows: output rows per sums buffer */
} tf_dwb_geom;

/* One channel: plane (its padded plane), wk (its nch x 16 rearranged taps), y (its first output byte). */
static inline __attribute__((always_inline)) void tf_dwb_channel(const tf_dwb_geom *g, const int8_t *plane,
                                                                const int8_t *wk, const int nch, const int share,
                                                                const tf_dwp_rq *rq, int32_t bias, int8_t *band,
                                                                int32_t *sums, int8_t *y)
{
    const uint8x16_t spread = vmulq_n_u8(vidupq_n_u8(0, 1), (uint8_t)g->kh);
    const int8x16_t w0 = vldrbq_s8(wk);
    int8x16_t w1 = w0, w2 = w0, w3 = w0;
    int32_t oy0, oy;
    if (nch == 1 && share > 1) {
        /* w0 moved up by step (and 2 * step) lanes: the taps of the next pixels in the same load */
        int8_t shifted[48];
        vstrbq_s8(shifted, vdupq_n_s8(0));
        vstrbq_s8(shifted + 16, w0);
        vstrbq_s8(shifted + 32, vdupq_n_s8(0));
        w1 = vldrbq_s8(shifted + 16 - g->step);
        if (share > 2) w2 = vldrbq_s8(shifted + 16 - 2 * g->step);
    } else {
        if (nch > 1) w1 = vldrbq_s8(wk + 16);
        if (nch > 2) w2 = vldrbq_s8(wk + 32);
        if (nch > 3) w3 = vldrbq_s8(wk + 48);
    }
    /* Sliding band: the band of output row oy starts at band + oy * stride_h, band[x * kh + fy] = plane row
     * oy * stride_h + fy. Moving down one output row, bytes x * kh + fy with fy < kh - stride_h already hold
     * the right rows; those with fy >= kh - stride_h hold rows of the previous band's column x + 1 that no later
     * band reads, and get the stride_h new plane rows. */
    tf_dwb_rows(plane, g->Wp, g->kh, 0, g->kh - g->stride_h, spread, band);
    for (oy0 = 0; oy0 < g->out_h; oy0 += g->rows) {
        const int32_t rows = tf_min_i32(g->rows, g->out_h - oy0);
        for (oy = oy0; oy < oy0 + rows; ++oy) {
            const int32_t top = oy * g->stride_h;
            tf_dwb_rows(plane, g->Wp, g->kh, top + g->kh - g->stride_h, top + g->kh, spread,
                        band + top + g->kh - g->stride_h);
            tf_dwb_row(band + top, g->out_w, g->step, nch, share, w0, w1, w2, w3, sums + (oy - oy0) * g->out_w);
        }
        tf_dwb_store_any(sums, rows * g->out_w, bias, rq, g->C, y + oy0 * g->out_w * g->C);
    }
}

#endif

#endif
