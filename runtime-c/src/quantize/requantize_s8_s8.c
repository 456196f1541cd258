/* QUANTIZE int8 -> int8 (TFLM reference_ops::Requantize) and every op that is only a
 * requantization with a clamp (RELU, RELU_N1_TO_1 int8: TFLM ReluQuantized). */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_requantize_s8_s8(const tf_requant_params *params, int32_t size,
                         const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_requant_s8((int32_t)in[i] + params->input_offset, params->multiplier,
                               params->shift, params->output_offset, params->activation.min,
                               params->activation.max);
    }
}
