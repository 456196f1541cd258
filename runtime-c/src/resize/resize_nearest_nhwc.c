/* RESIZE_NEAREST_NEIGHBOR (any element size; int8 through tf_resize_nearest_s8), TFLite reference ResizeNearestNeighbor: the source
 * coordinate is computed in float exactly as TFLite does (scale, optional half-pixel offset,
 * floor or round-half-away for align_corners), without libm. */
#include <string.h>

#include "tf_kernels.h"

/* floor() / roundf() for the non-negative values that occur here. */
static int32_t floor_nonneg(float v) { return (int32_t)v; }
static int32_t round_nonneg(float v)
{
    const int32_t t = (int32_t)v;
    return (v - (float)t) >= 0.5f ? t + 1 : t;
}

static int32_t nearest(int32_t out_index, int32_t in_size, int32_t out_size,
                       const tf_resize_params *p)
{
    const float scale = (p->align_corners && out_size > 1)
                            ? (float)(in_size - 1) / (float)(out_size - 1)
                            : (float)in_size / (float)out_size;
    const float offset = p->half_pixel_centers ? 0.5f : 0.0f;
    const float v = ((float)out_index + offset) * scale;
    int32_t r = p->align_corners ? round_nonneg(v) : floor_nonneg(v);
    if (r > in_size - 1) {
        r = in_size - 1;
    }
    if (p->half_pixel_centers && r < 0) {
        r = 0;
    }
    return r;
}

void tf_resize_nearest_nhwc(const tf_resize_params *params, const tf_dims *in_dims, size_t elem_size, const void *in,
                            const tf_dims *out_dims, void *out)
{
    const size_t pixel = (size_t)in_dims->c * elem_size;
    const unsigned char *src = (const unsigned char *)in;
    unsigned char *dst = (unsigned char *)out;
    int32_t b, y, x;
    for (b = 0; b < out_dims->n; ++b) {
        const unsigned char *in_b = src + (size_t)b * in_dims->h * in_dims->w * pixel;
        for (y = 0; y < out_dims->h; ++y) {
            const int32_t iy = nearest(y, in_dims->h, out_dims->h, params);
            for (x = 0; x < out_dims->w; ++x) {
                const int32_t ix = nearest(x, in_dims->w, out_dims->w, params);
                memcpy(dst, in_b + ((size_t)iy * in_dims->w + ix) * pixel, pixel);
                dst += pixel;
            }
        }
    }
}

void tf_resize_nearest_s8(const tf_resize_params *params, const tf_dims *in_dims, const int8_t *in,
                          const tf_dims *out_dims, int8_t *out)
{
    tf_resize_nearest_nhwc(params, in_dims, 1, in, out_dims, out);
}
