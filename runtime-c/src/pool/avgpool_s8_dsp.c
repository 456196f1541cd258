/* AVERAGE_POOL_2D int8 on cores with the ARMv7E-M DSP extension: tf_avgpool_s8_nhwc's arithmetic (TFLM
 * reference_integer_ops::AveragePool: the window clipped to the image, padding not counted, the division rounding
 * half away from zero), four channels per step: per window tap one load of 4 bytes and two SXTAB16 adding them to
 * 16-bit lanes (channels 0, 2 and 1, 3). A lane holds at most 255 taps of [-128, 127], inside int16, so windows of at
 * most 255 taps take this path; larger ones, and cores without DSP, take tf_avgpool_s8_nhwc. Channels past a multiple
 * of 4 are summed one by one. Per output pixel, each group of channels is read over the window before its outputs are
 * written, the generic kernel's order per channel, so every plan that holds for it holds here. */
#include "tf_kernels.h"
#include "tf_quant.h"
#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

/* The rounded average of acc over count taps, clamped (tf_avgpool_s8_nhwc's). */
static inline int8_t avg_out(int32_t acc, int32_t count, const tf_pool_params *params)
{
    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    return tf_sat_s8(acc, params->activation.min, params->activation.max);
}
#endif

void tf_avgpool_s8_dsp(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in, const tf_dims *out_dims,
                       int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t in_h = in_dims->h, in_w = in_dims->w, depth = in_dims->c, groups = depth / 4;
    const int32_t out_h = out_dims->h, out_w = out_dims->w;
    int32_t b, oy, ox, c, g, y, x;
    if (params->filter.h * params->filter.w > 255) {
        tf_avgpool_s8_nhwc(params, in_dims, in, out_dims, out);
        return;
    }
    for (b = 0; b < out_dims->n; ++b) {
        for (oy = 0; oy < out_h; ++oy) {
            const int32_t y0 = oy * params->stride.h - params->padding.top;
            const int32_t fy_start = tf_max_i32(0, -y0), fy_end = tf_min_i32(params->filter.h, in_h - y0);
            for (ox = 0; ox < out_w; ++ox) {
                const int32_t x0 = ox * params->stride.w - params->padding.left;
                const int32_t fx_start = tf_max_i32(0, -x0), fx_end = tf_min_i32(params->filter.w, in_w - x0);
                const int32_t count = (fy_end - fy_start) * (fx_end - fx_start);
                /* the window's top-left tap (possibly in the padding) as an index into in */
                const int32_t window = ((b * in_h + y0) * in_w + x0) * depth;
                int8_t *o = out + ((b * out_h + oy) * out_w + ox) * depth;
                if (count <= 0) {
                    /* TFLM returns early on an empty window; never happens in valid models */
                    for (c = 0; c < depth; ++c) o[c] = tf_sat_s8(0, params->activation.min, params->activation.max);
                    continue;
                }
                for (g = 0; g < groups; ++g) {
                    int32_t even = 0, odd = 0;
                    for (y = fy_start; y < fy_end; ++y) {
                        const int8_t *p = in + window + (y * in_w + fx_start) * depth + 4 * g;
                        for (x = fx_start; x < fx_end; ++x, p += depth) {
                            const int32_t v = tf_dsp_load4(p);
                            even = __sxtab16(even, v);
                            odd = tf_dsp_sxtab16_ror8(odd, v);
                        }
                    }
                    o[4 * g] = avg_out((int16_t)even, count, params);
                    o[4 * g + 1] = avg_out((int16_t)odd, count, params);
                    o[4 * g + 2] = avg_out(even >> 16, count, params);
                    o[4 * g + 3] = avg_out(odd >> 16, count, params);
                }
                for (c = 4 * groups; c < depth; ++c) {
                    int32_t acc = 0;
                    for (y = fy_start; y < fy_end; ++y) {
                        for (x = fx_start; x < fx_end; ++x) acc += in[window + (y * in_w + x) * depth + c];
                    }
                    o[c] = avg_out(acc, count, params);
                }
            }
        }
    }
#else
    tf_avgpool_s8_nhwc(params, in_dims, in, out_dims, out);
#endif
}
