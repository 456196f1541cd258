/* tf_conv_s8_1x1_inplace for cores with the ARMv7E-M DSP extension: the same scheme (POINTWISE_PIXELS: each
 * pixel's input copied out before its output is written; ascending pixels when out_c <= in_c, descending
 * when wider) two pixels at a time: one pixel's input to the caller's scratch, the other's to the stack (at
 * most TF_CONV_1X1_INPLACE_DSP_MAX_C channels, else one pixel at a time), then both through the 2 pixels x
 * 2 channels SMLAD block of tf_conv_s8_1x1_dsp. Safe: ascending, a pair's outputs end at (p + 2) * out_c
 * <= (p + 2) * in_c, where the inputs still unread begin; descending, the inputs still unread end at
 * (p - 1) * in_c <= (p - 1) * out_c, where the pair's outputs begin. Same results as
 * tf_conv_s8_1x1_inplace, which it falls back to on cores without DSP.
 * With every shift in [-24, -1] and in_c <= TF_DSP_TILE_MAX_C: tiles of 4 pixels read straight from buf
 * (tf_dsp_conv1x1_tile_fast), no scratch copy.
 * Order: pixel order (blocks of 2, or 4 in the tile form), ascending or descending as above. */
#include "tf_kernels.h"
#include "tf_quant.h"

#define TF_CONV_1X1_INPLACE_DSP_MAX_C 512

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"

static inline __attribute__((always_inline)) void all_pixels(const tf_dsp_requant *r, int32_t in_c, int32_t out_c,
                                                             int32_t pixels, const int8_t *filter, int8_t *buf,
                                                             int8_t *scratch, const int fast)
{
    const int32_t descending = out_c > in_c;
    const int32_t step = in_c <= TF_CONV_1X1_INPLACE_DSP_MAX_C ? 2 : 1;
    int32_t second[TF_CONV_1X1_INPLACE_DSP_MAX_C / 4];
    int32_t k;
    for (k = 0; k < pixels; k += step) {
        const int32_t two = step == 2 && k + 1 < pixels;
        /* the pair's lower pixel p and upper pixel q = p + 1 (q == p for a single pixel) */
        const int32_t p = descending ? pixels - 1 - k - two : k, q = p + two;
        int8_t *x1 = two ? (int8_t *)second : scratch;
        memcpy(scratch, buf + p * in_c, (size_t)in_c);
        if (two) {
            memcpy(x1, buf + q * in_c, (size_t)in_c);
        }
        tf_dsp_conv1x1_pair(r, in_c, out_c, filter, scratch, x1, buf + p * out_c, buf + q * out_c, fast);
    }
}

/* Fast requantization, in_c <= TF_DSP_TILE_MAX_C: tiles of up to 4 pixels read straight from buf (the tile's
 * inputs all go to stack columns before any output is written, so no scratch copy is needed; same
 * ascending / descending argument as above with 4 pixels in place of 2). */
static void all_tiles(const tf_dsp_requant *r, int32_t in_c, int32_t out_c, int32_t pixels, const int8_t *filter,
                      int8_t *buf)
{
    const int32_t descending = out_c > in_c;
    int32_t cols[2 * TF_DSP_TILE_MAX_C];
    int32_t k, j;
    for (k = 0; k < pixels; k += 4) {
        const int32_t npx = pixels - k < 4 ? pixels - k : 4;
        const int32_t p = descending ? pixels - k - npx : k;
        const int8_t *x[4];
        int8_t *y[4];
        for (j = 0; j < 4; ++j) {
            const int32_t q = p + (j < npx ? j : npx - 1);
            x[j] = buf + q * in_c;
            y[j] = buf + q * out_c;
        }
        tf_dsp_conv1x1_tile_fast(r, in_c, out_c, filter, x, y, npx, cols);
    }
}
#endif

void tf_conv_s8_1x1_inplace_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_DSP)
    const tf_dsp_requant r = tf_dsp_requant_of(params, quant, bias, out_dims->c);
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    (void)filter_dims;
    if (r.fast && in_dims->c <= TF_DSP_TILE_MAX_C) {
        all_tiles(&r, in_dims->c, out_dims->c, pixels, filter, buf);
    } else if (r.fast) {
        all_pixels(&r, in_dims->c, out_dims->c, pixels, filter, buf, scratch, 1);
    } else {
        all_pixels(&r, in_dims->c, out_dims->c, pixels, filter, buf, scratch, 0);
    }
#else
    tf_conv_s8_1x1_inplace(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
#endif
}
