/* RELU6 int8 as TFLM's Relu6Eval: a plain clamp of the raw values to [zero, six] in the input's
 * quantization (no requantization), and any other pure int8 clamp. */
#include "tf_kernels.h"
#include "tf_quant.h"

void tf_clamp_s8(const tf_activation *activation, int32_t size, const int8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = tf_sat_s8(in[i], activation->min, activation->max);
    }
}
