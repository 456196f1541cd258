/* tf_conv_s8_1x1_inplace for Helium (MVE): the same pixel order and scratch use (see
 * conv_s8_1x1_inplace.c: each pixel's in_c input bytes go to scratch before its outputs are written; last
 * pixel first when out_c > in_c, first pixel first otherwise), each pixel computed by tf_mve_rows_s8 with
 * the folded bias (common/tf_mve_s8.h). Portable C where __ARM_FEATURE_MVE is absent. Same results as
 * tf_conv_s8_1x1_inplace with the unfolded bias. */
#include "tf_kernels.h"
#include "../common/tf_mve_s8.h"

void tf_conv_s8_1x1_inplace_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *folded_bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch)
{
    const tf_mve_requant rq = tf_mve_requant_of(quant, folded_bias, params->output_offset, params->activation);
    const int32_t in_c = in_dims->c, out_c = out_dims->c;
    const int32_t pixels = in_dims->n * in_dims->h * in_dims->w;
    const int32_t last_first = out_c > in_c;
    int32_t k;
    (void)filter_dims;
    for (k = 0; k < pixels; ++k) {
        const int32_t p = last_first ? pixels - 1 - k : k;
        tf_mve_copy(scratch, buf + p * in_c, in_c);
        tf_mve_rows_s8(scratch, filter, in_c, out_c, &rq, buf + p * out_c);
    }
}
