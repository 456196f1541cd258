/* DEPTHWISE_CONV_2D int8 in place (output over the input at the same address `buf`), depth multiplier 1,
 * for Helium (MVE), with the in-place kernels' scratch of out_h * out_w bytes.
 *
 * Bands of channels (all of them when the ring allows, else 64, 32, ..., 1), one after the other. Output
 * channel c of pixel q lands on byte q*C + c, input channel c of input pixel q: a band's outputs only ever
 * overwrite the band's own inputs. Within a band, output rows are computed top to bottom
 * (common/tf_dw_mve.h) into a ring of rows (out_w * band bytes each) in scratch or, when that is smaller,
 * in TF_DW_MVE_STACK_RING bytes of stack, and row j is copied to buf as soon as no later output row reads
 * the input rows it covers: input row ((j + 1) * out_w - 1) / in_w, the last one it touches, lies above
 * (oy + 1) * stride_h - pad_top, the first one row oy + 1 reads (rows read only move down). When even a
 * 1-channel ring would overflow, or on cores without MVE, it calls tf_depthwise_conv_s8_inplace_dsp with
 * the unfolded bias. Same results as tf_depthwise_conv_s8_nhwc. */
#include "tf_kernels.h"
#include "../common/tf_dw_mve.h"

/* Bytes of the ring on the stack when the plan's scratch (out_h * out_w bytes) is smaller. */
#define TF_DW_MVE_STACK_RING 2048

#if defined(__ARM_FEATURE_MVE)
/* First input row output rows after oy read (none: past the image). */
static int32_t first_row_needed_after(const tf_dw_conv_params *p, int32_t oy, int32_t out_h, int32_t in_h)
{
    return oy + 1 < out_h ? (oy + 1) * p->stride.h - p->padding.top : in_h + 1;
}

/* Whether output row j's bytes lie above every input row still to be read. */
static int32_t committable(int32_t j, int32_t out_w, int32_t in_w, int32_t needed)
{
    return ((j + 1) * out_w - 1) / in_w < needed;
}

/* Whether a ring of `ring` rows suffices. */
static int32_t ring_fits(const tf_dw_conv_params *p, int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w,
                         int32_t ring)
{
    int32_t oy, head = 0;
    for (oy = 0; oy < out_h; ++oy) {
        const int32_t needed = first_row_needed_after(p, oy, out_h, in_h);
        if (oy - head >= ring) {
            return 0;
        }
        while (head <= oy && committable(head, out_w, in_w, needed)) {
            ++head;
        }
    }
    return head == out_h;
}

/* A ring row (n bytes per pixel, `band` apart) to the band's bytes of buf. */
static void commit(const int8_t *ring_row, int32_t out_w, int32_t C, int32_t n, int32_t band, int8_t *dst)
{
    int32_t ox;
    if (n == 4) {
        for (ox = 0; ox < out_w; ++ox, dst += C) {
            memcpy(dst, ring_row + 4 * ox, 4);
        }
        return;
    }
    for (ox = 0; ox < out_w; ++ox, dst += C) {
        tf_mve_copy(dst, ring_row + band * ox, n);
    }
}
#endif

void tf_depthwise_conv_s8_inplace_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                      const tf_dims *in_dims, const tf_dims *filter_dims,
                                      const int8_t *filter, const int32_t *bias, const int32_t *folded_bias,
                                      const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_MVE)
    const int32_t C = out_dims->c, in_h = in_dims->h, in_w = in_dims->w, out_h = out_dims->h, out_w = out_dims->w;
    /* The ring: the plan's scratch or a stack buffer, whichever holds more. */
    int8_t stack_ring[TF_DW_MVE_STACK_RING];
    int8_t *ring_buf = out_h * out_w >= TF_DW_MVE_STACK_RING ? scratch : stack_ring;
    const int32_t ring_bytes = out_h * out_w >= TF_DW_MVE_STACK_RING ? out_h * out_w : TF_DW_MVE_STACK_RING;
    /* The widest band (all channels, else 64, 32, ..., 1) whose ring is deep enough: wide bands keep the
     * per-row work large. */
    int32_t band = C;
    while (band > 1 && !ring_fits(params, in_h, in_w, out_h, out_w, ring_bytes / (out_w * band))) {
        band = band > 64 ? 64 : band / 2;
    }
    if (in_dims->n == 1 && params->depth_multiplier == 1
        && ring_fits(params, in_h, in_w, out_h, out_w, ring_bytes / (out_w * band))) {
        const int32_t ring = ring_bytes / (out_w * band);
        const tf_dw_mve_layer L = tf_dw_mve_layer_of(params, quant, in_dims, filter_dims, filter, bias, folded_bias, band);
        int32_t c0, oy;
        for (c0 = 0; c0 < C; c0 += band) {
            const int32_t n = C - c0 < band ? C - c0 : band;
            int32_t head = 0;
            for (oy = 0; oy < out_h; ++oy) {
                const int32_t needed = first_row_needed_after(params, oy, out_h, in_h);
                tf_dw_mve_row(&L, buf + c0, oy, out_w, c0, n, ring_buf + (oy % ring) * out_w * band);
                while (head <= oy && committable(head, out_w, in_w, needed)) {
                    commit(ring_buf + (head % ring) * out_w * band, out_w, C, n, band, buf + head * out_w * C + c0);
                    ++head;
                }
            }
        }
        return;
    }
#else
    (void)folded_bias;
#endif
    tf_depthwise_conv_s8_inplace_dsp(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
}
