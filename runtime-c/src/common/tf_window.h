/* The output-pixel walk shared by the reference window kernels (convolution, depthwise convolution,
 * pooling, every element type): output pixels in NHWC order and, for each, the filter taps whose input
 * lies inside the image. The kernels visit only those taps, in (fy, fx) order: that is TFLite's
 * padding, where an outside tap adds nothing (int8: (zero point + input offset) * w = 0; pooling: not
 * counted), and the order in which TFLite's float kernels sum. */
#ifndef TF_WINDOW_H
#define TF_WINDOW_H

#include "tf_types.h"

/* The geometry of one layer: strides, dilations, filter size and padding; the input and output images. */
typedef struct {
    tf_hw stride, dilation, filter;
    tf_padding padding;
    int32_t in_h, in_w;
    int32_t out_n, out_h, out_w;
} tf_window_geom;

/* One output pixel (b, oy, ox), its index in the output's pixels, and its taps inside the image:
 * fy in [fy_lo, fy_hi), fx in [fx_lo, fx_hi); tap (fy, fx) reads input row iy0 + dilation.h * fy,
 * column ix0 + dilation.w * fx. */
typedef struct {
    int32_t b, oy, ox, out_pixel;
    int32_t iy0, ix0;
    int32_t fy_lo, fy_hi, fx_lo, fx_hi;
} tf_window;

static inline tf_window_geom tf_window_geom_of(tf_hw stride, tf_hw dilation, tf_padding padding, int32_t f_h,
                                               int32_t f_w, const tf_dims *in_dims, const tf_dims *out_dims)
{
    tf_window_geom g;
    g.stride = stride;
    g.dilation = dilation;
    g.filter.h = f_h;
    g.filter.w = f_w;
    g.padding = padding;
    g.in_h = in_dims->h;
    g.in_w = in_dims->w;
    g.out_n = out_dims->n;
    g.out_h = out_dims->h;
    g.out_w = out_dims->w;
    return g;
}

/* Pooling windows: the filter's taps one pixel apart. */
static inline tf_window_geom tf_window_geom_pool(tf_hw stride, tf_hw filter, tf_padding padding, const tf_dims *in_dims,
                                                 const tf_dims *out_dims)
{
    tf_hw one;
    one.h = 1;
    one.w = 1;
    return tf_window_geom_of(stride, one, padding, filter.h, filter.w, in_dims, out_dims);
}

/* Taps t in [*lo, *hi) of a row of `taps` taps, `step` apart from `origin`, that land in [0, size). */
static inline void tf_window_taps(int32_t origin, int32_t step, int32_t taps, int32_t size, int32_t *lo, int32_t *hi)
{
    const int32_t first = origin >= 0 ? 0 : (-origin + step - 1) / step;
    const int32_t last = size - 1 - origin; /* the largest in-image offset from origin */
    int32_t end = last < 0 ? 0 : last / step + 1;
    end = end < taps ? end : taps;
    *lo = first;
    *hi = end > first ? end : first;
}

static inline void tf_window_at(const tf_window_geom *g, tf_window *w)
{
    w->out_pixel = (w->b * g->out_h + w->oy) * g->out_w + w->ox;
    w->iy0 = w->oy * g->stride.h - g->padding.top;
    w->ix0 = w->ox * g->stride.w - g->padding.left;
    tf_window_taps(w->iy0, g->dilation.h, g->filter.h, g->in_h, &w->fy_lo, &w->fy_hi);
    tf_window_taps(w->ix0, g->dilation.w, g->filter.w, g->in_w, &w->fx_lo, &w->fx_hi);
}

/* Before the first pixel: tf_window_next then moves to pixel (0, 0, 0). */
static inline void tf_window_start(tf_window *w)
{
    w->b = 0;
    w->oy = 0;
    w->ox = -1;
}

/* Moves to the next output pixel in NHWC order; 0 past the last one. */
static inline int tf_window_next(const tf_window_geom *g, tf_window *w)
{
    if (++w->ox == g->out_w) {
        w->ox = 0;
        if (++w->oy == g->out_h) {
            w->oy = 0;
            ++w->b;
        }
    }
    if (w->b >= g->out_n || g->out_h <= 0 || g->out_w <= 0) {
        return 0;
    }
    tf_window_at(g, w);
    return 1;
}

/* The input pixel index (batch w->b) of tap (fy, fx). */
static inline int32_t tf_window_in_pixel(const tf_window_geom *g, const tf_window *w, int32_t fy, int32_t fx)
{
    return (w->b * g->in_h + w->iy0 + g->dilation.h * fy) * g->in_w + w->ix0 + g->dilation.w * fx;
}

#endif /* TF_WINDOW_H */
