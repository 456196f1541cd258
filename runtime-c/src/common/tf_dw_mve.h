/* Depthwise int8 (depth multiplier 1) for Helium (MVE): output pixels of one row with 4 channels per
 * int32 vector (VLDRB.S32 of the taps and weights, VMUL + VADD: MVE has no lane-wise vector multiply-accumulate), using the folded bias of common/tf_mve_s8.h, so
 * the raw input bytes are multiplied and a tap in the padding adds w * zero_point. Runs of up to 4
 * interior pixels share each weight load. Portable C where __ARM_FEATURE_MVE is absent (same results). Shared by
 * the out-of-place and in-place depthwise *_mve kernels. */
#ifndef TF_DW_MVE_H
#define TF_DW_MVE_H

#include "tf_mve_s8.h"

/* A depthwise layer as the row routine needs it. x_stride / y_stride: bytes between horizontally
 * adjacent pixels of the input / output (the channel count, or 4 for a 4-channel band). */
typedef struct {
    const tf_dw_conv_params *params;
    tf_mve_requant rq;
    const int8_t *filter; /* 1 x f_h x f_w x channels */
    const int32_t *bias;  /* the unfolded bias (may be NULL), for pixels with taps in the padding */
    int32_t in_h, in_w, f_h, f_w, channels, x_stride, y_stride;
} tf_dw_mve_layer;

static inline tf_dw_mve_layer tf_dw_mve_layer_of(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                                  const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                                  const int32_t *bias, const int32_t *folded_bias, int32_t y_stride)
{
    tf_dw_mve_layer L;
    L.params = params;
    L.rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    L.filter = filter;
    L.bias = bias;
    L.in_h = in_dims->h;
    L.in_w = in_dims->w;
    L.f_h = filter_dims->h;
    L.f_w = filter_dims->w;
    L.channels = in_dims->c;
    L.x_stride = in_dims->c;
    L.y_stride = y_stride;
    return L;
}

#if defined(__ARM_FEATURE_MVE)
/* Loads and stores of 4 channels, predicated only in a partial band (whole is a constant). */
#define TF_DW_LOAD(ptr, lanes) (whole ? vldrbq_s32(ptr) : vldrbq_z_s32((ptr), (lanes)))
#define TF_DW_STORE(ptr, v, lanes) (whole ? vstrbq_s32((ptr), (v)) : vstrbq_p_s32((ptr), (v), (lanes)))
#define TF_DW_LOADW(ptr, lanes) (whole ? vldrwq_s32(ptr) : vldrwq_z_s32((ptr), (lanes)))

/* Channels [c, c + 4) (fewer past c_end) of one output pixel over the in-image taps fy in [fy0, fy1),
 * fx in [fx0, fx1); x and w point at tap (fy0, fx0), channel c. */
static inline __attribute__((always_inline)) void tf_dw_mve_pixel_band(
    const tf_dw_mve_layer *L, int32_t c, int32_t c_end, const int8_t *x, const int8_t *w, int32_t fy0, int32_t fy1,
    int32_t fx0, int32_t fx1, int8_t *y, const int whole)
{
    const tf_dw_conv_params *p = L->params;
    const int32_t zp = -p->input_offset, C = L->channels;
    const int32_t dy = p->dilation.h * L->in_w * L->x_stride, dx = p->dilation.w * L->x_stride;
    const mve_pred16_t lanes = whole ? 0xFFFF : vctp32q((uint32_t)(c_end - c));
    int32x4_t acc = vsubq_s32(L->bias != NULL ? TF_DW_LOADW(L->bias + c, lanes) : vdupq_n_s32(0),
                              TF_DW_LOADW(L->rq.bias + c, lanes));
    int32_t fy, fx;
    for (fy = fy0; fy < fy1; ++fy, w += L->f_w * C, x += dy) {
        const int8_t *wt = w, *xt = x;
        for (fx = fx0; fx < fx1; ++fx, wt += C, xt += dx) {
            acc = vaddq_s32(acc, vmulq_s32(vsubq_n_s32(TF_DW_LOAD(xt, lanes), zp), TF_DW_LOAD(wt, lanes)));
        }
    }
    TF_DW_STORE(y, tf_mve_requant_q(&L->rq, c, acc, lanes), lanes);
}
#endif

/* Channels [c0, c0 + n) of output pixel (oy, ox), any tap may be in the padding: only the taps inside the
 * image (row and column ranges worked out once), as TFLM does, on x - zero_point from the unfolded bias
 * (the accumulator starts at bias - folded_bias, as the requantization adds the folded bias). */
static inline void tf_dw_mve_pixel(const tf_dw_mve_layer *L, const int8_t *in, int32_t oy, int32_t ox, int32_t c0,
                                   int32_t n, int8_t *y)
{
    const tf_dw_conv_params *p = L->params;
    const int32_t iy0 = oy * p->stride.h - p->padding.top, ix0 = ox * p->stride.w - p->padding.left;
    const int32_t dh = p->dilation.h, dw = p->dilation.w;
    const int32_t row = L->in_w * L->x_stride, C = L->channels;
    /* taps fy in [fy0, fy1) and fx in [fx0, fx1) lie inside the image */
    const int32_t fy0 = iy0 >= 0 ? 0 : (-iy0 + dh - 1) / dh, fx0 = ix0 >= 0 ? 0 : (-ix0 + dw - 1) / dw;
    const int32_t fy1 = tf_min_i32(L->f_h, L->in_h - iy0 > 0 ? (L->in_h - iy0 + dh - 1) / dh : 0);
    const int32_t fx1 = tf_min_i32(L->f_w, L->in_w - ix0 > 0 ? (L->in_w - ix0 + dw - 1) / dw : 0);
    const int8_t *x0 = in + (iy0 + fy0 * dh) * row + (ix0 + fx0 * dw) * L->x_stride;
    const int8_t *w0 = L->filter + (fy0 * L->f_w + fx0) * C;
    int32_t c;
#if defined(__ARM_FEATURE_MVE)
    for (c = c0; c + 4 <= c0 + n; c += 4) {
        tf_dw_mve_pixel_band(L, c, c0 + n, x0 + (c - c0), w0 + c, fy0, fy1, fx0, fx1, y + (c - c0), 1);
    }
    if (c < c0 + n) {
        tf_dw_mve_pixel_band(L, c, c0 + n, x0 + (c - c0), w0 + c, fy0, fy1, fx0, fx1, y + (c - c0), 0);
    }
#else
    const int32_t zp = -p->input_offset;
    int32_t fy, fx;
    for (c = c0; c < c0 + n; ++c) {
        const int8_t *wr = w0 + c, *xr = x0 + (c - c0);
        int32_t acc = (L->bias != NULL ? L->bias[c] : 0) - L->rq.bias[c];
        for (fy = fy0; fy < fy1; ++fy, wr += L->f_w * C, xr += dh * row) {
            for (fx = fx0; fx < fx1; ++fx) {
                acc += (int32_t)wr[(fx - fx0) * C] * ((int32_t)xr[(fx - fx0) * dw * L->x_stride] - zp);
            }
        }
        y[c - c0] = tf_mve_requant_one(&L->rq, c, acc);
    }
#endif
}

#if defined(__ARM_FEATURE_MVE)
/* As tf_dw_mve_four_k for channels [c0, c0 + n) in bands of 4; whole: n is a multiple of 4 (no predication). */
static inline __attribute__((always_inline)) void tf_dw_mve_four_band(const tf_dw_mve_layer *L, const int32_t f_h,
                                                                     const int32_t f_w, const int8_t *x, int32_t c0,
                                                                     int32_t n, const int whole, const int npx, int8_t *y)
{
    const tf_dw_conv_params *p = L->params;
    const int32_t C = L->channels, row = L->in_w * L->x_stride;
    const int32_t dy = p->dilation.h * row, dx = p->dilation.w * L->x_stride, step = p->stride.w * L->x_stride;
    int32_t c, fy, fx;
    for (c = c0; c < c0 + n; c += 4) {
        const mve_pred16_t lanes = whole ? 0xFFFF : vctp32q((uint32_t)(c0 + n - c));
        const int8_t *w = L->filter + c, *xr = x + (c - c0);
        int32x4_t a0 = vdupq_n_s32(0), a1 = a0, a2 = a0, a3 = a0;
        tf_mve_qvec q;
#pragma GCC unroll 7
        for (fy = 0; fy < f_h; ++fy, xr += dy) {
            const int8_t *xt = xr;
#pragma GCC unroll 7
            for (fx = 0; fx < f_w; ++fx, w += C, xt += dx) {
                const int32x4_t wv = TF_DW_LOAD(w, lanes);
                a0 = vaddq_s32(a0, vmulq_s32(TF_DW_LOAD(xt, lanes), wv));
                if (npx > 1) a1 = vaddq_s32(a1, vmulq_s32(TF_DW_LOAD(xt + step, lanes), wv));
                if (npx > 2) a2 = vaddq_s32(a2, vmulq_s32(TF_DW_LOAD(xt + 2 * step, lanes), wv));
                if (npx > 3) a3 = vaddq_s32(a3, vmulq_s32(TF_DW_LOAD(xt + 3 * step, lanes), wv));
            }
        }
        q = tf_mve_qvec_load(&L->rq, c, lanes);
        TF_DW_STORE(y + (c - c0), tf_mve_requant_apply(&L->rq, &q, a0), lanes);
        if (npx > 1) TF_DW_STORE(y + (c - c0) + L->y_stride, tf_mve_requant_apply(&L->rq, &q, a1), lanes);
        if (npx > 2) TF_DW_STORE(y + (c - c0) + 2 * L->y_stride, tf_mve_requant_apply(&L->rq, &q, a2), lanes);
        if (npx > 3) TF_DW_STORE(y + (c - c0) + 3 * L->y_stride, tf_mve_requant_apply(&L->rq, &q, a3), lanes);
    }
}

/* Channels [c0, c0 + n) of npx (1 to 4, a constant) horizontally adjacent output pixels whose taps are all
 * inside the image; x points at the first pixel's top-left tap (channel c0). f_h, f_w constant after
 * inlining where the caller passes constants. */
static inline __attribute__((always_inline)) void tf_dw_mve_block_k(const tf_dw_mve_layer *L, const int32_t f_h,
                                                                   const int32_t f_w, const int npx, const int8_t *x,
                                                                   int32_t c0, int32_t n, int8_t *y)
{
    const int32_t full = n & ~3;
    if (full > 0) {
        tf_dw_mve_four_band(L, f_h, f_w, x, c0, full, 1, npx, y);
    }
    if (full < n) {
        tf_dw_mve_four_band(L, f_h, f_w, x + full, c0 + full, n - full, 0, npx, y + full);
    }
}

/* 4 interior pixels, the usual filter sizes unrolled. */
static void tf_dw_mve_four(const tf_dw_mve_layer *L, const int8_t *x, int32_t c0, int32_t n, int8_t *y)
{
    if (L->f_h == 3 && L->f_w == 3) {
        tf_dw_mve_block_k(L, 3, 3, 4, x, c0, n, y);
    } else if (L->f_h == 5 && L->f_w == 5) {
        tf_dw_mve_block_k(L, 5, 5, 4, x, c0, n, y);
    } else if (L->f_h == 7 && L->f_w == 7) {
        tf_dw_mve_block_k(L, 7, 7, 4, x, c0, n, y);
    } else {
        tf_dw_mve_block_k(L, L->f_h, L->f_w, 4, x, c0, n, y);
    }
}

/* 1 to 3 interior pixels (the end of an interior run). */
static void tf_dw_mve_few(const tf_dw_mve_layer *L, int32_t npx, const int8_t *x, int32_t c0, int32_t n, int8_t *y)
{
    if (npx == 1) {
        tf_dw_mve_block_k(L, L->f_h, L->f_w, 1, x, c0, n, y);
    } else if (npx == 2) {
        tf_dw_mve_block_k(L, L->f_h, L->f_w, 2, x, c0, n, y);
    } else {
        tf_dw_mve_block_k(L, L->f_h, L->f_w, 3, x, c0, n, y);
    }
}
#endif

/* Channels [c0, c0 + n) of output row oy, pixels left to right, each pixel's channels written together
 * (runs of 4 interior pixels: their channels band by band). y: the row's first output pixel. */
static inline void tf_dw_mve_row(const tf_dw_mve_layer *L, const int8_t *in, int32_t oy, int32_t out_w, int32_t c0,
                                 int32_t n, int8_t *y)
{
    int32_t ox = 0;
#if defined(__ARM_FEATURE_MVE)
    const tf_dw_conv_params *p = L->params;
    const int32_t iy0 = oy * p->stride.h - p->padding.top;
    const int32_t sw = p->stride.w, pl = p->padding.left, span = (L->f_w - 1) * p->dilation.w;
    if (iy0 >= 0 && iy0 + (L->f_h - 1) * p->dilation.h < L->in_h) {
        /* interior columns: ox * sw - pl >= 0 and ox * sw - pl + span < in_w */
        const int32_t lo = (pl + sw - 1) / sw;
        const int32_t hi = L->in_w - 1 - span + pl >= 0 ? (L->in_w - 1 - span + pl) / sw + 1 : 0;
        for (; ox < lo && ox < out_w; ++ox) {
            tf_dw_mve_pixel(L, in, oy, ox, c0, n, y + ox * L->y_stride);
        }
        for (; ox + 4 <= hi && ox + 4 <= out_w; ox += 4) {
            const int8_t *x = in + iy0 * L->in_w * L->x_stride + (ox * sw - pl) * L->x_stride;
            tf_dw_mve_four(L, x, c0, n, y + ox * L->y_stride);
        }
        if (ox < hi && ox < out_w) {
            const int32_t npx = tf_min_i32(hi, out_w) - ox;
            tf_dw_mve_few(L, npx, in + iy0 * L->in_w * L->x_stride + (ox * sw - pl) * L->x_stride, c0, n, y + ox * L->y_stride);
            ox += npx;
        }
    }
#endif
    for (; ox < out_w; ++ox) {
        tf_dw_mve_pixel(L, in, oy, ox, c0, n, y + ox * L->y_stride);
    }
}

#endif
