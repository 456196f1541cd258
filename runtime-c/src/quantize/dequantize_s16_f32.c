/* DEQUANTIZE int16 -> float32, TFLM reference_ops::Dequantize: scale * (x - zero_point). TFLM
 * multiplies in double; the product of a float and a 17-bit integer is exact in double, so the
 * float product below rounds to the same float. */
#include "tf_kernels.h"

void tf_dequantize_s16_f32(const tf_affine_params *params, int32_t size,
                          const int16_t *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = params->scale * (float)((int32_t)in[i] - params->zero_point);
    }
}
