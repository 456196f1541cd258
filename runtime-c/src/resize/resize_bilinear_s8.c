/* RESIZE_BILINEAR int8, TFLite reference ResizeBilinearInteger (what TFLM runs for int8): source
 * coordinates in 10-bit fixed point, products in 20-bit fixed point, rounding half away from
 * zero (the default, non single-rounding build). */
#include "tf_kernels.h"
#include "tf_quant.h"

static int32_t scale_10(int32_t in_size, int32_t out_size, int32_t align_corners)
{
    if (align_corners && out_size > 1) {
        return ((1 << 10) * (in_size - 1) + (out_size - 1) / 2) / (out_size - 1);
    }
    return ((1 << 10) * in_size + out_size / 2) / out_size;
}

static void interp(int32_t v, int32_t s10, int32_t half_pixel, int32_t in_size,
                   int32_t *scaled, int32_t *lo, int32_t *hi)
{
    *scaled = half_pixel ? v * s10 + s10 / 2 - (1 << 9) : v * s10;
    *lo = tf_max_i32(*scaled / (1 << 10), 0);
    *hi = tf_min_i32((*scaled + (1 << 10) - 1) / (1 << 10), in_size - 1);
}

void tf_resize_bilinear_s8(const tf_resize_params *params, const tf_dims *in_dims,
                           const int8_t *in, const tf_dims *out_dims, int8_t *out)
{
    const int32_t in_h = in_dims->h, in_w = in_dims->w, depth = in_dims->c;
    const int32_t hs = scale_10(in_h, out_dims->h, params->align_corners);
    const int32_t ws = scale_10(in_w, out_dims->w, params->align_corners);
    int32_t b, y, x, c;
    for (b = 0; b < out_dims->n; ++b) {
        for (y = 0; y < out_dims->h; ++y) {
            int32_t iy, y0, y1;
            interp(y, hs, params->half_pixel_centers, in_h, &iy, &y0, &y1);
            for (x = 0; x < out_dims->w; ++x) {
                int32_t ix, x0, x1;
                const int8_t *r0, *r1;
                int64_t dy, dx;
                interp(x, ws, params->half_pixel_centers, in_w, &ix, &x0, &x1);
                dy = iy - (1 << 10) * y0;
                dx = ix - (1 << 10) * x0;
                r0 = in + ((size_t)b * in_h + y0) * in_w * depth;
                r1 = in + ((size_t)b * in_h + y1) * in_w * depth;
                for (c = 0; c < depth; ++c) {
                    const int64_t v = (int64_t)r0[x0 * depth + c] * ((1 << 10) - dy) * ((1 << 10) - dx) +
                                      (int64_t)r1[x0 * depth + c] * dy * ((1 << 10) - dx) +
                                      (int64_t)r0[x1 * depth + c] * ((1 << 10) - dy) * dx +
                                      (int64_t)r1[x1 * depth + c] * dy * dx;
                    const int64_t round = v > 0 ? (1 << 19) : -(1 << 19);
                    *out++ = (int8_t)((v + round) / (1 << 20));
                }
            }
        }
    }
}
