/* DEQUANTIZE uint8 -> float32: scale * (x - zero_point), exact for the same reason as the int8 kernel
 * (a float times a 9-bit integer is exact in double, so the float product rounds the same). */
#include "tf_kernels.h"

void tf_dequantize_u8_f32(const tf_affine_params *params, int32_t size,
                          const uint8_t *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        out[i] = params->scale * (float)((int32_t)in[i] - params->zero_point);
    }
}
