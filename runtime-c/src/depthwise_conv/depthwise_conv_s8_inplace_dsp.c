/* tf_depthwise_conv_s8_nhwc_inplace for cores with the ARMv7E-M DSP extension: depth multiplier 1 and
 * dilation 1 compute 4 channels at a time, one output row at a time. Where the filter rows fit the ring
 * (tf_dw_ring_fits) and every output row may go straight to its place (ring_writes_in_place: when a row is written,
 * the input rows it covers have been read into the ring or are no longer needed), through
 * tf_dw_ring_groups_s8 (common/tf_dw_groups_dsp.h) with the buffer as both input and output; else tap by tap
 * (common/tf_dw_group_dsp.h) into a small stack ring of output rows, a row going to its place as soon as no later
 * output row of the group reads the input pixels it overwrites. Either way a group writes only its channels
 * c0 .. c0 + 3. Left-over channels (3x3, 5x5, 7x7) go, one channel plane at a time, into scratch with SMLAD
 * (common/tf_dw_plane_dsp.h), then to the output, with the same scratch as the portable in-place kernel (see
 * depthwise_conv_s8_nhwc_inplace.c for why that is safe); anything else, and cores without DSP, go to
 * tf_depthwise_conv_s8_nhwc_inplace. Same results.
 * Order: channel groups (4 channels at a time, their output rows in order), then channel planes one at a time. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dw_plane_dsp.h"
#include "../common/tf_dw_group_dsp.h"
#include "../common/tf_dw_groups_dsp.h"

/* Bytes of the ring of pending output rows (4 channels each). */
#define TF_DW_GROUP_RING_BYTES 2048

/* First input pixel (row-major index) that output row oy, or any later row, may read: its first input row's
 * first pixel (taps in the padding are never read). */
static int32_t first_read_pixel(const tf_dw_conv_params *params, const tf_dims *in_dims, int32_t oy)
{
    const int32_t iy = oy * params->stride.h - params->padding.top;
    return (iy > 0 ? iy : 0) * in_dims->w;
}

/* Output rows of a group that are computed but not yet written back: the ring must hold that many (plus the
 * row being computed). */
static int32_t pending_rows(const tf_dw_conv_params *params, const tf_dims *in_dims, const tf_dims *out_dims)
{
    int32_t oy, first = 0, most = 1;
    for (oy = 0; oy < out_dims->h; ++oy) {
        const int32_t lb = oy + 1 < out_dims->h ? first_read_pixel(params, in_dims, oy + 1) : INT32_MAX;
        if (oy - first + 1 > most) {
            most = oy - first + 1;
        }
        while (first <= oy && (first + 1) * out_dims->w - 1 < lb) {
            ++first;
        }
    }
    return most;
}

/* Whether the ring form may write every output row straight to its place: when output row oy is written, every
 * input row up to the last one in the ring (`filled`, as tf_dw_ring_row_s8 advances it) has been read, and no
 * later row reads an input row before that, so the row may overwrite input pixels up to the end of row `filled`
 * (all of them once the last input row is read). */
static int ring_writes_in_place(const tf_dw_conv_params *params, const tf_dims *in_dims, const tf_dims *filter_dims,
                                const tf_dims *out_dims)
{
    int32_t oy, filled = -1;
    for (oy = 0; oy < out_dims->h; ++oy) {
        const int32_t iy0 = oy * params->stride.h - params->padding.top;
        const int32_t last = iy0 + filter_dims->h - 1 < in_dims->h - 1 ? iy0 + filter_dims->h - 1 : in_dims->h - 1;
        if (last >= 0 && last >= iy0 && last > filled) {
            filled = last;
        }
        if (filled < in_dims->h - 1 && (int64_t)(oy + 1) * out_dims->w > (int64_t)(filled + 1) * in_dims->w) {
            return 0;
        }
    }
    return 1;
}

/* Channel groups of 4 tap by tap into a ring of pending output rows (ring_rows of them). */
static void __attribute__((noinline)) groups_pending(const tf_dw_conv_params *params,
                                                     const tf_per_channel_quant *quant, const tf_dims *in_dims,
                                                     const tf_dims *filter_dims, const int8_t *filter,
                                                     const int32_t *bias, const tf_dims *out_dims, int8_t *buf,
                                                     int32_t ring_rows)
{
    const int32_t c = in_dims->c, out_w = out_dims->w;
    int8_t ring[TF_DW_GROUP_RING_BYTES];
    tf_dw_group_ctx g;
    int32_t ic, p;
    for (ic = 0; ic + 4 <= c; ic += 4) {
        int32_t oy, first = 0;
        tf_dw_group_ctx_init(&g, params, quant, in_dims, buf, filter_dims, filter, bias, out_dims, ic, 1);
        for (oy = 0; oy < out_dims->h; ++oy) {
            const int32_t lb = oy + 1 < out_dims->h ? first_read_pixel(params, in_dims, oy + 1) : INT32_MAX;
            tf_dw_group4_row_s8(&g, oy, ring + (oy % ring_rows) * 4 * out_w, 4);
            /* Rows no later row reads under: their pixels may now take the output. */
            for (; first <= oy && (first + 1) * out_w - 1 < lb; ++first) {
                const int8_t *src = ring + (first % ring_rows) * 4 * out_w;
                int8_t *dst = buf + first * out_w * c + ic;
                for (p = 0; p < out_w; ++p, src += 4, dst += c) {
                    memcpy(dst, src, 4);
                }
            }
        }
    }
}
#endif

void tf_depthwise_conv_s8_inplace_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                      const tf_dims *in_dims, const tf_dims *filter_dims,
                                      const int8_t *filter, const int32_t *bias,
                                      const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t c = in_dims->c, out_w = out_dims->w, plane = out_dims->h * out_w;
    const int32_t group_fits = tf_dw_group_fits(params, quant, in_dims, filter_dims);
    const int32_t ring = group_fits && tf_dw_ring_fits(params, quant, in_dims, filter_dims, out_dims)
                       && ring_writes_in_place(params, in_dims, filter_dims, out_dims);
    const int32_t ring_rows = group_fits && !ring ? pending_rows(params, in_dims, out_dims) : 0;
    const int32_t plane_fits = tf_dw_plane_fits(params, in_dims, filter_dims);
    /* left-over channels (c % 4) need the plane form */
    const int32_t use_group = group_fits && (ring || ring_rows * 4 * out_w <= TF_DW_GROUP_RING_BYTES)
                            && (c % 4 == 0 || plane_fits);
    if (use_group || plane_fits) {
        int32_t ic = 0, p;
        if (use_group) {
            if (ring) {
                tf_dw_ring_groups_s8(params, quant, in_dims, buf, filter_dims, filter, bias, out_dims, buf);
            } else {
                groups_pending(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, ring_rows);
            }
            ic = c - c % 4;
        }
        for (; ic < c; ++ic) {
            tf_dw_plane_channel_s8(params, filter_dims->h, quant, bias, in_dims, buf, ic, filter, out_dims, scratch, 1);
            /* Input channel ic is fully consumed: its bytes may now take the output. */
            for (p = 0; p < plane; ++p) {
                buf[p * c + ic] = scratch[p];
            }
        }
        return;
    }
#endif
    tf_depthwise_conv_s8_nhwc_inplace(params, quant, in_dims, filter_dims, filter, bias, out_dims, buf, scratch);
}
