/* QUANTIZE int8 -> uint8 at the same scale with a zero point 128 higher: the int8 kernels' result handed
 * to a uint8 tensor of an ONNX model. Each stored value plus 128 is its sign bit flipped (exact; TFLM's
 * Requantize takes the same shortcut for this pair). */
#include "tf_kernels.h"

void tf_convert_s8_u8(int32_t size, const int8_t *in, uint8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) out[i] = (uint8_t)((uint8_t)in[i] ^ 0x80u);
}
