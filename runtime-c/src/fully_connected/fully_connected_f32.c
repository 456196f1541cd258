/* FULLY_CONNECTED float32, TFLite reference_ops::FullyConnected: sum of products in input order,
 * then + bias, then the activation clamp. */
#include "tf_kernels.h"

void tf_fully_connected_f32(const tf_activation_f32 *activation,
                            int32_t batches, int32_t in_depth, const float *in,
                            int32_t out_depth, const float *weights, const float *bias,
                            float *out)
{
    int32_t b, o, i;
    for (b = 0; b < batches; ++b) {
        for (o = 0; o < out_depth; ++o) {
            float total = 0.0f;
            float v;
            for (i = 0; i < in_depth; ++i) {
                total += in[b * in_depth + i] * weights[o * in_depth + i];
            }
            v = total + (bias != NULL ? bias[o] : 0.0f);
            out[b * out_depth + o] =
                v < activation->min ? activation->min : (v > activation->max ? activation->max : v);
        }
    }
}
