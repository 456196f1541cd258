/* QUANTIZE int8 -> int16, TFLM reference_ops::Requantize: clamp(MBQM(x - input_zp, multiplier, shift)
 * + output_zp) to the output type (params->activation holds the output type's limits); also RELU /
 * RELU_N1_TO_1 on int16 when a == b (TFLM ReluQuantized has the same arithmetic). */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_requantize_s8_s16(const tf_requant_params *params, int32_t size,
                         const int8_t *in, int16_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const int32_t v = tf_mbqm((int32_t)in[i] + params->input_offset, params->multiplier,
                                  params->shift) + params->output_offset;
        out[i] = tf_sat_s16(v, params->activation.min, params->activation.max);
    }
}
