/* The int8-input SOFTMAX core shared by the int8- and int16-output kernels (internal). */
#ifndef TF_SOFTMAX_S8_ROWS_H
#define TF_SOFTMAX_S8_ROWS_H

#include "tf_kernels.h"

/* TFLite reference_ops::Softmax<int8_t, T>: writes out8 when out_bits is 8, out16 when it is 16. */
void tf_softmax_s8_rows(const tf_softmax_params *params, int32_t rows, int32_t depth, const int8_t *in,
                        int32_t out_bits, int8_t *out8, int16_t *out16);

#endif /* TF_SOFTMAX_S8_ROWS_H */
