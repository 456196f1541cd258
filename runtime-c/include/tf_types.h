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

/* Element type of an unquantized tensor, for kernels generic over it (integer arithmetic, CAST, GATHER). */
typedef enum {
    TF_ELEM_I8, TF_ELEM_U8, TF_ELEM_I16, TF_ELEM_I32, TF_ELEM_I64, TF_ELEM_F32, TF_ELEM_BOOL
} tf_elem_type;
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

/* SOFTMAX int16 (TFLM softmax_common.cc for int16 input): input_multiplier / input_left_shift =
 * QuantizeMultiplier(input_scale * beta / (10 / 65535)); the two tables are TFLM's gen_lut outputs
 * (513 entries each): exp on [-10, 0] and 1 / (1 + x) on [0, 1], both scaled to Q0.15. */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    const int16_t *exp_lut;
    const int16_t *one_over_one_plus_x_lut;
} tf_softmax_s16_params;

/* QUANTIZE int8->int8 / requantize, and generic one-input requantizing ops. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t multiplier;
    int32_t shift;
    tf_activation activation;
} tf_requant_params;

/* ---- Added by the kernel library (additions only; nothing above was changed) ---- */

/* MEAN int8, as TFLM's reduce_common.cc EvalIntegerMean. Current TFLM (the goldens' 90b983c2,
 * checked against mcunetv2-large's MEAN intermediates) ALWAYS takes the requantizing path
 * reference_ops::QuantizedMeanOrSum (compute_sum = false), even when input and output
 * quantization are equal: the compiler must set same_quant = 0.
 *  - same_quant == 0: multiplier/shift = QuantizeMultiplier(input_scale / output_scale) exactly as
 *    TFLM's PrepareMeanOrSumHelper computes op_data->multiplier/shift (double division of the
 *    float scales); the kernel folds in 1/count the way TFLM does at run time
 *    (s = min(floor(log2 count), 32, 31 + shift); multiplier = (multiplier << s) / count;
 *    shift -= s), then out = clamp(MBQM(sum - input_zp * count) + output_zp, -128, 127).
 *  - same_quant != 0: the older TFLM shortcut reference_ops::Mean<int8_t, int32_t> (int32 sum of
 *    raw values, C truncating division by the count); kept only for older TFLM versions.
 * input_zero_point / output_zero_point are the tensors' zero points (NOT negated). */
typedef struct {
    int32_t same_quant;
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t multiplier;
    int32_t shift;
} tf_mean_params;

/* Float <-> int8 affine quantization (QUANTIZE float->int8, DEQUANTIZE int8->float):
 * the tensor's own scale and zero point. */
typedef struct {
    float scale;
    int32_t zero_point;
} tf_affine_params;

/* LOGISTIC and TANH int8 (TFLM integer path through gemmlowp fixed point, not a LUT), exactly
 * the OpData that TFLM's logistic_common.cc / tanh_common.cc CalculateArithmeticOpData compute
 * for int8 with kInputIntegerBits = 4:
 *   real = input_scale * 2^(31 - 4); q = frexp(real, &input_left_shift);
 *   input_multiplier = (int32) TfLiteRound(q * 2^31);
 *   input_range_radius = CalculateInputRadius(4, input_left_shift, 31). */
typedef struct {
    int32_t input_zero_point;
    int32_t input_range_radius;
    int32_t input_multiplier;
    int32_t input_left_shift;
} tf_logistic_params;
typedef tf_logistic_params tf_tanh_params;

/* LOGISTIC and TANH int16 (zero points 0, output scale 2^-15), exactly the OpData TFLM's
 * logistic_common.cc / tanh.cc compute for int16: input_left_shift = 12 + round(log2(input_scale));
 * if the scale is a power of two and that shift is 0 (LOGISTIC) or 0 or 1 (TANH), input_multiplier
 * = 0 (the kernel then uses 3 << input_left_shift with no shift); otherwise multiplier =
 * input_scale * 4096 * 3 doubled (input_left_shift counting the doublings, from 0) while <= 32767/2,
 * truncated to int32. */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
} tf_logistic_s16_params;
typedef tf_logistic_s16_params tf_tanh_s16_params;

/* HARD_SWISH int8: TFLite's HardSwishParams as TFLM hard_swish_common.cc Prepare fills them
 * (zero points not negated; fixed-point multipliers are int16 values, exponents as given by
 * DownScaleInt32ToInt16Multiplier after QuantizeMultiplier). */
typedef struct {
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t reluish_multiplier_fixedpoint_int16;
    int32_t reluish_multiplier_exponent;
    int32_t output_multiplier_fixedpoint_int16;
    int32_t output_multiplier_exponent;
} tf_hard_swish_params;

/* LEAKY_RELU int8 as TFLM leaky_relu_common.cc: identity = QuantizeMultiplier(in_scale/out_scale),
 * alpha = QuantizeMultiplier(alpha * in_scale / out_scale). Zero points NOT negated. */
typedef struct {
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t output_multiplier_identity;
    int32_t output_shift_identity;
    int32_t output_multiplier_alpha;
    int32_t output_shift_alpha;
} tf_leaky_relu_params;

/* PRELU int8 as TFLM prelu_common.cc: input_offset = -input_zp, alpha_offset = -alpha_zp,
 * output_offset = +output_zp; 1 = QuantizeMultiplier(in_scale/out_scale),
 * 2 = QuantizeMultiplier(in_scale*alpha_scale/out_scale). Output clamped to int8 limits. */
typedef struct {
    int32_t input_offset;
    int32_t alpha_offset;
    int32_t output_offset;
    int32_t output_multiplier_1;
    int32_t output_shift_1;
    int32_t output_multiplier_2;
    int32_t output_shift_2;
} tf_prelu_params;

/* RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR options (booleans as 0/1). */
typedef struct {
    int32_t align_corners;
    int32_t half_pixel_centers;
} tf_resize_params;

/* LOG_SOFTMAX int8 (output scale 16/256, zero point 127), exactly TFLM log_softmax.cc's OpData:
 * input_multiplier / input_left_shift = PreprocessSoftmaxScaling(beta 1, input_scale, 5);
 * reverse_scaling_divisor, shift R = QuantizeMultiplier(2^(31 - input_left_shift) /
 * input_multiplier) (R <= 0) and reverse_scaling_right_shift = -R;
 * diff_min = -CalculateInputRadius(5, input_left_shift). */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    int32_t reverse_scaling_divisor;
    int32_t reverse_scaling_right_shift;
    int32_t diff_min;
} tf_log_softmax_params;

/* SVDF int8 as TFLM svdf_common.cc PrepareSvdf / OpDataSvdf: zero points as the tensors store them
 * (NOT negated); effective_scale_1 = QuantizeMultiplier((double)(input_scale * weights_feature_scale
 * / state_scale)), effective_scale_2 = QuantizeMultiplier((double)(state_scale * weights_time_scale /
 * output_scale)), each scale product computed in float first. */
typedef struct {
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t activation_state_zero_point;
    int32_t effective_scale_1_a;
    int32_t effective_scale_1_b;
    int32_t effective_scale_2_a;
    int32_t effective_scale_2_b;
} tf_svdf_params;

/* SVDF shapes: input [batches][input_size], weights_feature [filters][input_size], weights_time
 * [filters][memory], bias [filters / rank], state [batches][filters][memory], output
 * [batches][filters / rank]. */
typedef struct {
    int32_t batches;
    int32_t input_size;
    int32_t filters;
    int32_t rank;
    int32_t memory;
} tf_svdf_dims;

/* ---- float32 kernels ---- */
typedef struct { float min, max; } tf_activation_f32;

typedef struct {
    tf_hw stride;
    tf_hw dilation;
    tf_padding padding;
    tf_activation_f32 activation;
} tf_conv_f32_params;

typedef struct {
    int32_t depth_multiplier;
    tf_hw stride;
    tf_hw dilation;
    tf_padding padding;
    tf_activation_f32 activation;
} tf_dw_conv_f32_params;

typedef struct {
    tf_hw stride;
    tf_hw filter;
    tf_padding padding;
    tf_activation_f32 activation;
} tf_pool_f32_params;

#ifdef __cplusplus
}
#endif
#endif /* TF_TYPES_H */
