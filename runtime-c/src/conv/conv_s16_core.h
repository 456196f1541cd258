/* The int16-activation CONV_2D core shared by the int64-bias and int32-bias kernels (internal). */
#ifndef TF_CONV_S16_CORE_H
#define TF_CONV_S16_CORE_H

#include "tf_kernels.h"

/* TFLM ConvPerChannel for int16 input. bias64 != NULL or both biases NULL with acc32 == 0: the int64
 * accumulator and tf_mbqm_s64 (ConvPerChannel<int64_t>); acc32 != 0: a wrapping int32 accumulator, an
 * optional int32 bias and the 32-bit tf_mbqm (ConvPerChannel<int32_t>). */
void tf_conv_s16_core(const tf_conv_params *params, const tf_per_channel_quant *quant,
                      const tf_dims *in_dims, const int16_t *in,
                      const tf_dims *filter_dims, const int8_t *filter,
                      const int64_t *bias64, const int32_t *bias32, int32_t acc32,
                      const tf_dims *out_dims, int16_t *out);

#endif /* TF_CONV_S16_CORE_H */
