/* tf_conv_s8_1x1_inplace for Helium (MVE): the same pixel order (see conv_s8_1x1_inplace.c: last pixel
 * first when out_c > in_c, first pixel first otherwise), but up to 16 input channels four pixels at a
 * time (tf_mve_narrow4_s8, their inputs in registers before any output is written), else two pixels at a time (tf_mve_rows2_s8, with
 * the folded bias of common/tf_mve_s8.h) whose input bytes go to a stack copy before any of their outputs
 * is written; above TF_CONV_1X1_PAIR_MAX_IN input channels, and for an odd last pixel, one pixel at a
 * time through scratch (in_c bytes) as the portable kernel does. Portable C where __ARM_FEATURE_MVE is absent. Same results as
 * tf_conv_s8_1x1_inplace with the unfolded bias. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

/* Input channels up to which pixels go in pairs through a stack copy (2 x 512 bytes). */
#define TF_CONV_1X1_PAIR_MAX_IN 512

void tf_conv_s8_1x1_inplace_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *folded_bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t in_c = in_dims->c, out_c = out_dims->c;
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    const int32_t last_first = out_c > in_c;
    int32_t k = 0;
    (void)filter_dims;
    if (in_c <= 16) {
        /* Four pixels a .. a + 3 at once, their inputs loaded before any of their outputs is written; the
         * same bounds as for pairs below, with 4 for 2. */
        for (; k + 4 <= pixels; k += 4) {
            const int32_t a = last_first ? pixels - 4 - k : k;
            const int8_t *x = buf + a * in_c;
            tf_mve_narrow4_s8(x, x + in_c, x + 2 * in_c, x + 3 * in_c, filter, in_c, out_c, &rq, buf + a * out_c, out_c);
        }
    }
    if (in_c <= TF_CONV_1X1_PAIR_MAX_IN) {
        /* Two pixels a and a + 1 at once, their 2 * in_c input bytes copied to the stack first. Last first:
         * the pair writes from a * out_c >= a * in_c, where the unread pixels end; first first: it writes
         * below (a + 2) * out_c <= (a + 2) * in_c, where they begin. */
        int8_t pair[2 * TF_CONV_1X1_PAIR_MAX_IN];
        for (; k + 2 <= pixels; k += 2) {
            const int32_t a = last_first ? pixels - 2 - k : k;
            tf_mve_copy(pair, buf + a * in_c, 2 * in_c);
            tf_mve_rows2_s8(pair, pair + in_c, filter, in_c, out_c, &rq, buf + a * out_c, buf + (a + 1) * out_c);
        }
    }
    for (; k < pixels; ++k) {
        const int32_t p = last_first ? pixels - 1 - k : k;
        tf_mve_copy(scratch, buf + p * in_c, in_c);
        tf_mve_rows_s8(scratch, filter, in_c, out_c, &rq, buf + p * out_c);
    }
}
