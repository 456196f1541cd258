/* QUANTIZE uint8 -> int8 at the same scale with a zero point 128 lower: a uint8 tensor of an ONNX model
 * read by the int8 kernels. Each stored value minus 128 is its sign bit flipped (exact). */
#include "tf_kernels.h"

void tf_convert_u8_s8(int32_t size, const uint8_t *in, int8_t *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) out[i] = (int8_t)(in[i] ^ 0x80u);
}
