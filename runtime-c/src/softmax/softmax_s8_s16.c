/* SOFTMAX int8 -> int16 (output zero point -32768, scale 1/65536), TFLite reference_ops::Softmax<int8_t,
 * int16_t>: the int8 kernel's arithmetic (softmax_s8.c) with a 16-bit final shift. */
#include "tf_kernels.h"
#include "softmax_s8_rows.h"

void tf_softmax_s8_s16(const tf_softmax_params *params, int32_t rows, int32_t depth,
                       const int8_t *in, int16_t *out)
{
    tf_softmax_s8_rows(params, rows, depth, in, 16, NULL, out);
}
