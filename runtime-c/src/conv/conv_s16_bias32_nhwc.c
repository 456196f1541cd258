/* CONV_2D int16 activations, int8 weights, int32 bias or none: TFLM conv.cc sends these to
 * reference_integer_ops::ConvPerChannel<int32_t> for int16 input: int32 accumulator and the 32-bit
 * MultiplyByQuantizedMultiplier (unlike the int64-bias kernel tf_conv_s16_nhwc, whose loop this shares
 * through tf_conv_s16_core). Zero points are 0. */
#include "tf_kernels.h"
#include "conv_s16_core.h"

void tf_conv_s16_bias32_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                             const tf_dims *in_dims, const int16_t *in,
                             const tf_dims *filter_dims, const int8_t *filter,
                             const int32_t *bias,
                             const tf_dims *out_dims, int16_t *out)
{
    tf_conv_s16_core(params, quant, in_dims, in, filter_dims, filter, NULL, bias, 1, out_dims, out);
}
