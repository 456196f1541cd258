/* tinyforge runtime: shared types and parameter structs for all kernels.
 *
 * Conventions (the same in every kernel, like CMSIS-NN's):
 *  - Activations are NHWC; conv filters OHWI; depthwise filters 1 x H x W x (C*multiplier);
 *    fully connected weights [out, in].
 *  - Quantized multipliers follow TFLite: real = multiplier * 2^(shift - 31), multiplier in
 *    [2^30, 2^31) (or 0), shift > 0 means a left shift. Requantization is integer only and
 *    bit-exact with TFLite's reference kernels (rounding doubling high multiply, then rounding
 *    right shift).
 *  - *_offset fields are ADDED: input_offset = -input_zero_point, output_offset = +output_zero_point,
 *    exactly as TFLite's OpData.
 *  - Kernels never allocate. Scratch buffers, when a kernel needs one, are passed in by the caller
 *    with their size given by the matching *_scratch_bytes() function.
 */
#ifndef TF_TYPES_H
#define TF_TYPES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct { int32_t n, h, w, c; } tf_dims;
typedef struct { int32_t h, w; } tf_hw;
/* Only top and left matter to the kernels; bottom/right are implied by the output size. */
typedef struct { int32_t top, left; } tf_padding;
/* Clamp range in the output's storage domain (fused activation folded with the output range). */
typedef struct { int32_t min, max; } tf_activation;

/* Per-output-channel requantization (per-tensor models repeat one value). */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
} tf_per_channel_quant;

/* One requantization factor. */
typedef struct {
    int32_t multiplier;
    int32_t shift;
} tf_quant;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    tf_hw stride;
    tf_hw dilation;
    tf_padding padding;
    tf_activation activation;
} tf_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t depth_multiplier;
    tf_hw stride;
    tf_hw dilation;
    tf_padding padding;
    tf_activation activation;
} tf_dw_conv_params;

typedef struct {
    int32_t input_offset;
    int32_t filter_offset; /* -weights_zero_point; 0 for symmetric int8 weights */
    int32_t output_offset;
    tf_activation activation;
} tf_fc_params;

typedef struct {
    tf_hw stride;
    tf_hw filter;
    tf_padding padding;
    tf_activation activation;
} tf_pool_params;

/* ADD and SUB, as TFLite's int8 ADD/SUB OpData (left_shift is 20 for int8). */
typedef struct {
    int32_t left_shift;
    int32_t input1_offset;
    int32_t input1_multiplier;
    int32_t input1_shift;
    int32_t input2_offset;
    int32_t input2_multiplier;
    int32_t input2_shift;
    int32_t output_offset;
    int32_t output_multiplier;
    int32_t output_shift;
    tf_activation activation;
} tf_add_params;

typedef struct {
    int32_t input1_offset;
    int32_t input2_offset;
    int32_t output_offset;
    int32_t output_multiplier;
    int32_t output_shift;
    tf_activation activation;
} tf_mul_params;

/* Broadcasting binary ops work on shapes padded to 4-D; a dimension of 1 broadcasts. */
typedef struct {
    tf_dims in1;
    tf_dims in2;
    tf_dims out;
} tf_broadcast_shape;

typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    int32_t diff_min;
} tf_softmax_params;

/* QUANTIZE int8->int8 / requantize, and generic one-input requantizing ops. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t multiplier;
    int32_t shift;
    tf_activation activation;
} tf_requant_params;

#ifdef __cplusplus
}
#endif
#endif /* TF_TYPES_H */
