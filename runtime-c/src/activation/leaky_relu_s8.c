/* LEAKY_RELU int8, TFLite reference_ops::QuantizeLeakyRelu: the identity or the alpha rescale
 * depending on the sign of (x - input zero point). */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_leaky_relu_s8(const tf_leaky_relu_params *params, int32_t size,
                      const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const int32_t x = (int32_t)in[i] - params->input_zero_point;
        const int32_t y = x >= 0
            ? tf_mbqm(x, params->output_multiplier_identity, params->output_shift_identity)
            : tf_mbqm(x, params->output_multiplier_alpha, params->output_shift_alpha);
        out[i] = tf_sat_s8(y + params->output_zero_point, TF_INT8_MIN, TF_INT8_MAX);
    }
}
