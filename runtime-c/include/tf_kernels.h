/* tinyforge runtime: every kernel's prototype.
 *
 * All int8 kernels are bit-exact with TFLite Micro's reference kernels (default build, double
 * rounding). Conventions are in tf_types.h: NHWC activations, OHWI conv filters, depthwise filters
 * 1 x H x W x (C*mult), FC weights [out][in], *_offset fields ADDED (input_offset = -input_zp,
 * output_offset = +output_zp), multipliers/shifts as TFLite's QuantizeMultiplier returns them
 * (shift > 0 = left). Kernels never allocate, keep no state and return nothing: shapes and params
 * are checked by the compiler, not at run time.
 *
 * Who computes what (the compiler's prepare step must reproduce TFLM's Prepare exactly):
 *  - conv / depthwise / FC: per output channel multiplier[c], shift[c] =
 *    QuantizeMultiplier(input_scale * filter_scale[c] / output_scale) (TFLM
 *    PopulateConvolutionQuantizationParams); per-tensor models repeat the single value.
 *    activation = fused activation folded with the int8 range (CalculateActivationRangeQuantized).
 *  - pools: activation as above; no requantization (TFLM requires equal input/output quant).
 *  - ADD/SUB: tf_add_params exactly as TFLM add_common.cc/sub_common.cc CalculateOpData for int8
 *    (left_shift = 20, twice_max_input_scale, QuantizeMultiplierSmallerThanOneExp for the three
 *    multipliers, so all three shifts are <= 0).
 *  - MUL: output multiplier/shift = QuantizeMultiplier(in1_scale * in2_scale / out_scale).
 *  - SOFTMAX: input_multiplier/input_left_shift = PreprocessSoftmaxScaling(beta, input_scale, 5),
 *    diff_min = -CalculateInputRadius(5, input_left_shift) (TFLM CalculateSoftmaxParams, int8 in,
 *    int8 out with output zp -128 / scale 1/256).
 */
#ifndef TF_KERNELS_H
#define TF_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#include "tf_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ===================== convolutions and matrix products (int8) ===================== */

/* CONV_2D int8, per-channel. filter_dims = {n: out_ch, h, w, c: in_ch per group}; grouped
 * convolution is implied when in_dims->c is a multiple (groups) of filter_dims->c, as in TFLM.
 * Accumulates filter * (input + input_offset) in int32 over (fy, fx, ic) with out-of-image taps
 * skipped, adds bias[oc] (may be NULL), requantizes with quant->multiplier/shift[oc]. */
void tf_conv_s8_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                     const tf_dims *in_dims, const int8_t *in,
                     const tf_dims *filter_dims, const int8_t *filter,
                     const int32_t *bias,
                     const tf_dims *out_dims, int8_t *out);

/* DEPTHWISE_CONV_2D int8, per-channel. filter_dims = {1, h, w, out_ch}; out_ch = in_ch * mult;
 * output channel oc = ic * depth_multiplier + m. bias may be NULL. */
void tf_depthwise_conv_s8_nhwc(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                               const tf_dims *in_dims, const int8_t *in,
                               const tf_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias,
                               const tf_dims *out_dims, int8_t *out);

/* DEPTHWISE_CONV_2D int8 in place: the output overwrites the input at the same address `buf`.
 * scratch holds depth_multiplier * out_h * out_w bytes. Batch 1. Always safe with multiplier 1; with a
 * larger multiplier only where the compiler proved no write lands on an unprocessed input channel
 * (see depthwise_conv_s8_nhwc_inplace.c). Same results as tf_depthwise_conv_s8_nhwc. */
void tf_depthwise_conv_s8_nhwc_inplace(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                       const tf_dims *in_dims, const tf_dims *filter_dims,
                                       const int8_t *filter, const int32_t *bias,
                                       const tf_dims *out_dims, int8_t *buf, int8_t *scratch);

/* CONV_2D int8 with a 1x1 filter, stride 1, no padding, no groups, in place: the output overwrites the
 * input at the same address `buf`; scratch holds in_c bytes. Same results as tf_conv_s8_nhwc. */
void tf_conv_s8_1x1_inplace(const tf_conv_params *params, const tf_per_channel_quant *quant,
                            const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                            const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch);

/* ARMv7E-M DSP variants (SXTB16 + SMLAD), chosen by the compiler for cores with the DSP extension; each
 * falls back to its portable kernel where __ARM_FEATURE_DSP is not defined. Same results as the portable
 * kernels. tf_conv_s8_1x1_dsp: 1x1 filter, any stride, no top/left padding, no groups. */
void tf_conv_s8_1x1_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                        const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *filter_dims, const int8_t *filter,
                        const int32_t *bias,
                        const tf_dims *out_dims, int8_t *out);
void tf_conv_s8_1x1_inplace_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch);

/* tf_conv_s8_dsp: any int8 CONV_2D without groups whose filter has at most 512 taps (h*w*c; im2col
 * columns of 2 KB on the stack); others call tf_conv_s8_nhwc. */
void tf_conv_s8_dsp(const tf_conv_params *params, const tf_per_channel_quant *quant,
                    const tf_dims *in_dims, const int8_t *in,
                    const tf_dims *filter_dims, const int8_t *filter,
                    const int32_t *bias,
                    const tf_dims *out_dims, int8_t *out);
/* tf_depthwise_conv_s8_dsp / _inplace_dsp: the fast path covers 3x3, 5x5, 7x7 filters, depth multiplier 1,
 * dilation 1, batch 1 (any stride, padding); other shapes call the portable (in-place) kernel. */
void tf_depthwise_conv_s8_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                  const tf_dims *in_dims, const int8_t *in,
                                  const tf_dims *filter_dims, const int8_t *filter,
                                  const int32_t *bias,
                                  const tf_dims *out_dims, int8_t *out);
void tf_depthwise_conv_s8_inplace_dsp(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                          const tf_dims *in_dims, const tf_dims *filter_dims,
                                          const int8_t *filter, const int32_t *bias,
                                          const tf_dims *out_dims, int8_t *buf, int8_t *scratch);

/* Helium (MVE) variants, chosen by the compiler for Cortex-M55/M85; each runs as portable C where
 * __ARM_FEATURE_MVE is not defined, with the same results. The convolution and FC kernels take a FOLDED
 * bias, folded_bias[oc] = bias[oc] (0 when absent) + input_offset * sum of output channel oc's filter
 * taps, computed by the compiler (see src/common/tf_mve_s8.h); they multiply the raw input bytes and read
 * the input zero point for taps in the padding. Same results as the portable kernels with the unfolded
 * bias. tf_conv_s8_1x1_mve: 1x1 filter, any stride, no top/left padding, no groups.
 * tf_conv_s8_mve: no groups, at most TF_CONV_MVE_MAX_COLUMN taps (f_h * f_w * in_c; an im2col column on
 * the stack). Depthwise: depth multiplier 1, any filter size, stride, dilation, padding; they also take the
 * unfolded bias (may be NULL) for pixels near the border and the in-place form's fallback.
 * tf_fully_connected_s8_mve: filter_offset 0. */
#define TF_CONV_MVE_MAX_COLUMN 1152
void tf_conv_s8_1x1_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                        const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *filter_dims, const int8_t *filter,
                        const int32_t *folded_bias,
                        const tf_dims *out_dims, int8_t *out);
void tf_conv_s8_1x1_inplace_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const tf_dims *filter_dims, const int8_t *filter,
                                const int32_t *folded_bias, const tf_dims *out_dims, int8_t *buf, int8_t *scratch);
void tf_conv_s8_mve(const tf_conv_params *params, const tf_per_channel_quant *quant,
                    const tf_dims *in_dims, const int8_t *in,
                    const tf_dims *filter_dims, const int8_t *filter,
                    const int32_t *folded_bias,
                    const tf_dims *out_dims, int8_t *out);
void tf_depthwise_conv_s8_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                              const tf_dims *in_dims, const int8_t *in,
                              const tf_dims *filter_dims, const int8_t *filter,
                              const int32_t *bias, const int32_t *folded_bias,
                              const tf_dims *out_dims, int8_t *out);
void tf_depthwise_conv_s8_inplace_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                      const tf_dims *in_dims, const tf_dims *filter_dims,
                                      const int8_t *filter, const int32_t *bias, const int32_t *folded_bias,
                                      const tf_dims *out_dims, int8_t *buf, int8_t *scratch);
/* tf_depthwise_conv_s8_planar_mve: depth multiplier 1, one image, any filter size, stride, dilation and
 * padding, as long as one padded channel plane ((out_h - 1) * stride_h + (f_h - 1) * dilation_h + 1 rows by
 * the same for columns) fits TF_DW_PLANAR_MAX_PLANE bytes, at most TF_DW_PLANAR_MAX_TAPS taps and at most
 * 9362 channels (the compiler checks; dev.tinyforge.backend.c.emitters.MveKernels). out may be in (in place:
 * output at the input's first byte); otherwise out must not overlap in. Folded bias only. */
#define TF_DW_PLANAR_MAX_PLANE 2560
#define TF_DW_PLANAR_MAX_TAPS 64
void tf_depthwise_conv_s8_planar_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                     const tf_dims *in_dims, const int8_t *in,
                                     const tf_dims *filter_dims, const int8_t *filter,
                                     const int32_t *folded_bias, const tf_dims *out_dims, int8_t *out);
/* tf_depthwise_conv_s8_band_mve: as tf_depthwise_conv_s8_planar_mve with dilation 1, a filter of at most
 * 16 rows and TF_DW_PLANAR_MAX_TAPS taps, stride_h at most the filter's rows, filter rows x padded plane
 * columns + padded plane rows within TF_DW_BAND_MAX bytes and at most TF_DW_BAND_MAX_ROW output columns;
 * band_filter is the filter rearranged per channel (kernel file). */
#define TF_DW_BAND_MAX 400
#define TF_DW_BAND_MAX_ROW 96
void tf_depthwise_conv_s8_band_mve(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                   const tf_dims *in_dims, const int8_t *in, const tf_dims *filter_dims,
                                   const int8_t *band_filter, const int32_t *folded_bias, const tf_dims *out_dims,
                                   int8_t *out);
void tf_fully_connected_s8_mve(const tf_fc_params *params, const tf_per_channel_quant *quant,
                               int32_t batches, int32_t in_depth, const int8_t *in,
                               int32_t out_depth, const int8_t *weights, const int32_t *folded_bias,
                               int8_t *out);

/* FULLY_CONNECTED int8: out[b][o] = requant(sum_i (w[o][i] + filter_offset) * (in[b][i] +
 * input_offset) + bias[o]) with quant->multiplier/shift[o] (per-tensor: repeat the value).
 * bias may be NULL. */
void tf_fully_connected_s8(const tf_fc_params *params, const tf_per_channel_quant *quant,
                           int32_t batches, int32_t in_depth, const int8_t *in,
                           int32_t out_depth, const int8_t *weights, const int32_t *bias,
                           int8_t *out);
/* tf_fully_connected_s8 with symmetric weights (filter_offset 0; the kernel ignores it) for cores with the DSP
 * extension (portable C elsewhere), same results. The weights come packed four rows at a time: for each block k of
 * output rows 4k .. 4k + 3 and each group g of inputs 4g .. 4g + 3, four int32 words, row 4k + r's bytes 4g .. 4g + 3
 * (little-endian, zero past in_depth and for the rows past out_depth) at packed[(k * groups + g) * 4 + r], groups =
 * ceil(in_depth / 4). folded_bias[o] = bias[o] (0 when absent) + input_offset * sum_i w[o][i], in int32. */
void tf_fully_connected_s8_dsp(const tf_fc_params *params, const tf_per_channel_quant *quant,
                               int32_t batches, int32_t in_depth, const int8_t *in,
                               int32_t out_depth, const int32_t *packed_weights, const int32_t *folded_bias,
                               int8_t *out);

/* ===================== stateful (SVDF) ===================== */
/* SVDF, TFLM's reference (svdf_common.cc) for one invocation. `state` is the op's persistent
 * activation state (a TFLite variable tensor, zero at start): it is shifted left by one element,
 * the feature matmul fills its newest column (int8: requantized with effective_scale_1, plus the
 * state zero point, clamped to the state type), then per unit the rank filters' time dot products
 * (state minus its zero point) are added to bias[unit] (may be NULL) and (int8) requantized with
 * effective_scale_2 to the int8 output. The caller keeps `state` between invocations. */

/* int8 input/weights_feature, int16 weights_time and state (TFLite's usual int8 SVDF). */
void tf_svdf_s8(const tf_svdf_params *params, const tf_svdf_dims *dims, const int8_t *in,
                const int8_t *weights_feature, const int16_t *weights_time, const int32_t *bias,
                int16_t *state, int8_t *out);

/* As tf_svdf_s8 with int8 weights_time and state (TFLM's EvalInt8SvdfReference). */
void tf_svdf_s8_state_s8(const tf_svdf_params *params, const tf_svdf_dims *dims, const int8_t *in,
                         const int8_t *weights_feature, const int8_t *weights_time,
                         const int32_t *bias, int8_t *state, int8_t *out);

/* float: the fused activation is applied as a clamp to [activation.min, activation.max]. */
void tf_svdf_f32(const tf_activation_f32 *activation, const tf_svdf_dims *dims, const float *in,
                 const float *weights_feature, const float *weights_time, const float *bias,
                 float *state, float *out);

/* ===================== int16 activations, int8 weights (TFLite 16x8) ===================== */
/* Zero points of int16 tensors are 0 (TFLM enforces it); input_offset is ignored, output_offset is
 * added (0). Bias is int64 (the converter's 16x8 default; NULL allowed except for CONV_2D, see
 * tf_conv_s16_bias32_nhwc), accumulators are int64, requantization is tf_mbqm_s64 (TFLite's MultiplyByQuantizedMultiplier(int64_t, ...)). activation bounds lie in
 * int16's range. Same params structs and weight layouts as the int8 kernels. */
void tf_conv_s16_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                      const tf_dims *in_dims, const int16_t *in,
                      const tf_dims *filter_dims, const int8_t *filter,
                      const int64_t *bias,
                      const tf_dims *out_dims, int16_t *out);
/* CONV_2D int16 without bias or with an int32 bias: TFLM takes its int32-accumulator kernel
 * (ConvPerChannel<int32_t>) then, requantizing with the 32-bit tf_mbqm. */
void tf_conv_s16_bias32_nhwc(const tf_conv_params *params, const tf_per_channel_quant *quant,
                             const tf_dims *in_dims, const int16_t *in,
                             const tf_dims *filter_dims, const int8_t *filter,
                             const int32_t *bias,
                             const tf_dims *out_dims, int16_t *out);
void tf_depthwise_conv_s16_nhwc(const tf_dw_conv_params *params, const tf_per_channel_quant *quant,
                                const tf_dims *in_dims, const int16_t *in,
                                const tf_dims *filter_dims, const int8_t *filter,
                                const int64_t *bias,
                                const tf_dims *out_dims, int16_t *out);
void tf_fully_connected_s16(const tf_fc_params *params, const tf_per_channel_quant *quant,
                            int32_t batches, int32_t in_depth, const int16_t *in,
                            int32_t out_depth, const int8_t *weights, const int64_t *bias,
                            int16_t *out);

/* ADD / SUB / MUL int16 (zero points 0): the int8 arithmetic on int16 values, ADD/SUB with
 * tf_add_params.left_shift = 15 (TFLM add_common.cc / sub_common.cc for int16 outputs). */
void tf_add_s16(const tf_add_params *params, int32_t size,
                const int16_t *in1, const int16_t *in2, int16_t *out);
void tf_add_s16_broadcast(const tf_add_params *params, const tf_broadcast_shape *shape,
                          const int16_t *in1, const int16_t *in2, int16_t *out);
void tf_sub_s16(const tf_add_params *params, int32_t size,
                const int16_t *in1, const int16_t *in2, int16_t *out);
void tf_sub_s16_broadcast(const tf_add_params *params, const tf_broadcast_shape *shape,
                          const int16_t *in1, const int16_t *in2, int16_t *out);
void tf_mul_s16(const tf_mul_params *params, int32_t size,
                const int16_t *in1, const int16_t *in2, int16_t *out);
void tf_mul_s16_broadcast(const tf_mul_params *params, const tf_broadcast_shape *shape,
                          const int16_t *in1, const int16_t *in2, int16_t *out);

/* QUANTIZE / DEQUANTIZE with int16: float -> int16 as tf_quantize_f32_s8 (AffineQuantize), int16 ->
 * float as tf_dequantize_s8_f32, and the requantizations between int8 and int16 (TFLM
 * reference_ops::Requantize; multiplier/shift = QuantizeMultiplier(in_scale / out_scale),
 * activation = the output type's limits). */
void tf_quantize_f32_s16(const tf_affine_params *params, int32_t size, const float *in, int16_t *out);
void tf_dequantize_s16_f32(const tf_affine_params *params, int32_t size,
                           const int16_t *in, float *out);
void tf_requantize_s16_s8(const tf_requant_params *params, int32_t size,
                          const int16_t *in, int8_t *out);
void tf_requantize_s8_s16(const tf_requant_params *params, int32_t size,
                          const int8_t *in, int16_t *out);
void tf_requantize_s16_s16(const tf_requant_params *params, int32_t size,
                           const int16_t *in, int16_t *out);

/* ===================== pooling (int8) ===================== */

/* AVERAGE_POOL_2D int8: sum over the window clipped to the image, count = clipped window size
 * (padding excluded), rounded division (sum > 0 ? sum + count/2 : sum - count/2) / count, then
 * clamp to activation. out_dims->c == in_dims->c. */
void tf_avgpool_s8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *out_dims, int8_t *out);
/* The same on cores with the DSP extension (four channels per SXTAB16 step; src/pool/avgpool_s8_dsp.c). */
void tf_avgpool_s8_dsp(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                       const tf_dims *out_dims, int8_t *out);

/* MAX_POOL_2D int8: max over the clipped window, then clamp to activation. */
void tf_maxpool_s8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const int8_t *in,
                        const tf_dims *out_dims, int8_t *out);
void tf_maxpool_u8_nhwc(const tf_pool_params *params, const tf_dims *in_dims, const uint8_t *in,
                        const tf_dims *out_dims, uint8_t *out);

/* ===================== elementwise binary (int8) ===================== */
/* Elementwise forms: both inputs have `size` elements. Broadcast forms: shapes padded to 4-D
 * (leading 1s), a dimension of 1 broadcasts, as TFLM's Broadcast*4DSlow. */

/* ADD int8 (TFLM AddFunc): each input (x + offset) << left_shift, scaled with
 * MultiplyByQuantizedMultiplierSmallerThanOneExp, summed, scaled again, + output_offset, clamp. */
void tf_add_s8(const tf_add_params *params, int32_t size,
               const int8_t *in1, const int8_t *in2, int8_t *out);
/* tf_add_s8 for cores with the DSP extension: both inputs' rescaled values tabulated per call, output rescale with
 * one SMLAL; same results (portable tf_add_s8 elsewhere and for short tensors). */
void tf_add_s8_dsp(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out);
/* tf_add_s8 for Helium (MVE), 4 elements per vector; portable C elsewhere. Same results. */
void tf_add_s8_mve(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_add_s8_broadcast(const tf_add_params *params, const tf_broadcast_shape *shape,
                         const int8_t *in1, const int8_t *in2, int8_t *out);

/* SUB int8: as ADD but scaled1 - scaled2 (same tf_add_params, from TFLM sub_common.cc). */
void tf_sub_s8(const tf_add_params *params, int32_t size,
               const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_sub_s8_broadcast(const tf_add_params *params, const tf_broadcast_shape *shape,
                         const int8_t *in1, const int8_t *in2, int8_t *out);

/* MUL int8: clamp(output_offset + MBQM((x1 + off1) * (x2 + off2), mult, shift)). */
void tf_mul_s8(const tf_mul_params *params, int32_t size,
               const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_mul_s8_broadcast(const tf_mul_params *params, const tf_broadcast_shape *shape,
                         const int8_t *in1, const int8_t *in2, int8_t *out);

/* MAXIMUM / MINIMUM int8: raw comparison (TFLM requires equal quantization), with broadcast. */
void tf_maximum_s8(int32_t size, const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_minimum_s8(int32_t size, const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_maximum_s8_broadcast(const tf_broadcast_shape *shape,
                             const int8_t *in1, const int8_t *in2, int8_t *out);
void tf_minimum_s8_broadcast(const tf_broadcast_shape *shape,
                             const int8_t *in1, const int8_t *in2, int8_t *out);

/* ===================== softmax family (int8) ===================== */

/* SOFTMAX int8 -> int8 (output zp -128, scale 1/256): TFLM reference Softmax with gemmlowp fixed
 * point: per row, diff = x - max; rows entries with diff < diff_min contribute nothing and output
 * -128; exp_on_negative_values of the rescaled diff (Q5), sum in Q12, reciprocal through
 * one_over_one_plus_x_for_x_in_0_1, rounding shift to 8 bits. */
void tf_softmax_s8(const tf_softmax_params *params, int32_t rows, int32_t depth,
                   const int8_t *in, int8_t *out);

/* LOG_SOFTMAX int8 -> int8 (output zp 127, scale 16/256), TFLM reference LogSoftmaxQuantized:
 * exps of the Q5 scaled differences summed in Q12, log of the sum in Q5
 * (tf_fp_log_x_for_x_ge_1); entries whose difference exceeds max(diff_min - 1, the log-sum mapped
 * back to input units) output round((scaled diff - log sum) / 2^22) + 127, the others -128. */
void tf_log_softmax_s8(const tf_log_softmax_params *params, int32_t rows, int32_t depth,
                       const int8_t *in, int8_t *out);

/* SOFTMAX int8 -> int16 (output zp -32768, scale 1/65536): tf_softmax_s8 with a 16-bit final shift. */
void tf_softmax_s8_s16(const tf_softmax_params *params, int32_t rows, int32_t depth,
                       const int8_t *in, int16_t *out);

/* SOFTMAX int16 -> int16 (zero points 0, output scale 2^-15), TFLite reference_ops::SoftmaxInt16: exps
 * from params->exp_lut (interpolated lookups), their sum normalised and inverted through
 * params->one_over_one_plus_x_lut, each exp scaled by the reciprocal. */
void tf_softmax_s16(const tf_softmax_s16_params *params, int32_t rows, int32_t depth,
                    const int16_t *in, int16_t *out);

/* ===================== reductions (int8) ===================== */

/* MEAN int8 over the axes whose bit is set in reduce_mask (bit k = dimension k of in_shape,
 * ndims <= 8). Output is the row-major order of the kept dimensions (keep_dims does not change
 * the bytes). TFLM's QuantizedMeanOrSum arithmetic when params->same_quant == 0 (what current
 * TFLM always does); see tf_mean_params. */
void tf_mean_s8(const tf_mean_params *params, int32_t ndims, const int32_t *in_shape,
                uint32_t reduce_mask, const int8_t *in, int8_t *out);
/* The same for Helium (mean/mean_s8_mve.c): reductions over the innermost axes vectorized, else tf_mean_s8. */
void tf_mean_s8_mve(const tf_mean_params *params, int32_t ndims, const int32_t *in_shape,
                    uint32_t reduce_mask, const int8_t *in, int8_t *out);

/* ===================== quantization ===================== */

/* QUANTIZE float -> int8: clamp(TfLiteRound(x / scale) + zero_point, -128, 127); the division
 * is done in float exactly as TFLM's AffineQuantize; round half away from zero. */
void tf_quantize_f32_s8(const tf_affine_params *params, int32_t size, const float *in, int8_t *out);
/* tf_quantize_f32_s8 for Helium with floating point (M55/M85), same results; portable C elsewhere. */
void tf_quantize_f32_s8_mve(const tf_affine_params *params, int32_t size, const float *in, int8_t *out);

/* QUANTIZE int8 -> int8 (requantize) and any op that is a pure requantization:
 * clamp(MBQM(x + input_offset, multiplier, shift) + output_offset, act.min, act.max).
 * TFLM QUANTIZE int8->int8: multiplier/shift = QuantizeMultiplier(in_scale / out_scale),
 * activation = [-128, 127]. TFLM RELU and RELU_N1_TO_1 int8 (ReluQuantized, CalculateReluOpData)
 * are this kernel too: multiplier/shift = QuantizeMultiplier(in_scale / out_scale), input_offset =
 * -in_zp, output_offset = out_zp, activation = [max(-128, out_zp + roundf(lo / out_scale)),
 * hi == inf ? 127 : min(127, out_zp + roundf(hi / out_scale))] with (lo, hi) = (0, inf) for
 * RELU, (-1, 1) for RELU_N1_TO_1. (RELU6 int8 is NOT a requantization in TFLM: see
 * tf_clamp_s8.) */
void tf_requantize_s8_s8(const tf_requant_params *params, int32_t size,
                         const int8_t *in, int8_t *out);

/* QUANTIZE between int8 and uint8 at the same scale, zero points 128 apart (ONNX uint8 models on the
 * int8 kernels): the sign bit of every stored value flipped. */
void tf_convert_s8_u8(int32_t size, const int8_t *in, uint8_t *out);
void tf_convert_u8_s8(int32_t size, const uint8_t *in, int8_t *out);

/* RELU6 int8 as TFLM Relu6Eval: clamp of the raw values to [activation.min, activation.max] =
 * [in_zp, FloatToQuantizedType<int8_t>(6.0f, in_scale, in_zp)] (that is round(6.0f / in_scale)
 * + in_zp, clamped to int8); output quantization is assumed equal to the input's. */
void tf_clamp_s8(const tf_activation *activation, int32_t size, const int8_t *in, int8_t *out);

/* DEQUANTIZE int8 -> float: scale * (x - zero_point). */
void tf_dequantize_s8_f32(const tf_affine_params *params, int32_t size,
                          const int8_t *in, float *out);
void tf_dequantize_u8_f32(const tf_affine_params *params, int32_t size,
                          const uint8_t *in, float *out);

/* ===================== activations (int8) ===================== */

/* LOGISTIC int8 (output zp -128, scale 1/256), TFLM reference_integer_ops::Logistic: integer
 * path through gemmlowp::logistic on Q4 input (not a LUT). Params: see tf_logistic_params. */
void tf_logistic_s8(const tf_logistic_params *params, int32_t size, const int8_t *in, int8_t *out);

/* TANH int8 (output zp 0, scale 1/128), TFLM reference_integer_ops::Tanh through gemmlowp::tanh. */
void tf_tanh_s8(const tf_tanh_params *params, int32_t size, const int8_t *in, int8_t *out);

/* LOGISTIC int16 -> int16 (scale 2^-15), TFLM reference_integer_ops::Logistic(int16): the input,
 * scaled by input_multiplier / 2^input_left_shift (rounded) to units of 1/(3 * 4096), is looked up
 * with linear interpolation in the sigmoid table (SigmoidTable) (tf_sigmoid_table_u16, 9 fraction bits),
 * mirrored for negative inputs, and rounded back to 16 bits. */
void tf_logistic_s16(const tf_logistic_s16_params *params, int32_t size, const int16_t *in,
                     int16_t *out);

/* TANH int16 -> int16 (scale 2^-15), TFLM reference_integer_ops::Tanh(int16): the same table through
 * tanh(x) = 2 * sigmoid(2x) - 1 (8 fraction bits of interpolation). */
void tf_tanh_s16(const tf_tanh_s16_params *params, int32_t size, const int16_t *in, int16_t *out);

/* HARD_SWISH int8: TFLite reference_ops::HardSwish<int8_t> (int16 fixed-point path). Params as
 * TFLM hard_swish_common.cc HardSwishPrepare: hires_input_scale = (1/128.f) * input_scale and
 * the two ratios are FLOAT divisions widened to double: output = QuantizeMultiplier(
 * (double)(hires_input_scale / output_scale)), reluish = QuantizeMultiplier((double)(
 * hires_input_scale / (3.f / 32768.f))); each int32 multiplier then goes through
 * DownScaleInt32ToInt16Multiplier (the *_fixedpoint_int16 fields); exponents are the shifts. */
void tf_hard_swish_s8(const tf_hard_swish_params *params, int32_t size,
                      const int8_t *in, int8_t *out);

/* LEAKY_RELU int8: TFLite reference_ops::QuantizeLeakyRelu. Params as TFLM leaky_relu_common.cc:
 * identity = QuantizeMultiplier((double)(input_scale / output_scale)) and
 * alpha = QuantizeMultiplier((double)(input_scale * alpha / output_scale)), both float
 * expressions widened to double; zero points not negated. */
void tf_leaky_relu_s8(const tf_leaky_relu_params *params, int32_t size,
                      const int8_t *in, int8_t *out);

/* PRELU int8 with alpha broadcast (shape->in1 = input, shape->in2 = alpha, shape->out = output),
 * TFLite reference_ops::BroadcastPrelu4DSlow. Params: see tf_prelu_params (TFLM prelu_common.cc
 * computes both ratios in double from the float scales). */
void tf_prelu_s8(const tf_prelu_params *params, const tf_broadcast_shape *shape,
                 const int8_t *in, const int8_t *alpha, int8_t *out);

/* ===================== resize (int8) ===================== */

/* RESIZE_NEAREST_NEIGHBOR (any 1-byte type): TFLite reference ResizeNearestNeighbor. */
void tf_resize_nearest_s8(const tf_resize_params *params, const tf_dims *in_dims, const int8_t *in,
                          const tf_dims *out_dims, int8_t *out);
/* Any element size (float32 and others): elem_size bytes per channel. */
void tf_resize_nearest_nhwc(const tf_resize_params *params, const tf_dims *in_dims, size_t elem_size, const void *in,
                            const tf_dims *out_dims, void *out);

/* RESIZE_BILINEAR int8: TFLite reference ResizeBilinearInteger (10-bit fixed point). */
void tf_resize_bilinear_s8(const tf_resize_params *params, const tf_dims *in_dims,
                           const int8_t *in, const tf_dims *out_dims, int8_t *out);

/* ===================== layout ops (any element size, bytes only) ===================== */

#define TF_MAX_DIMS 8

/* PAD / PADV2: ndims <= TF_MAX_DIMS; pre/post padding per dimension; every padded element is a
 * copy of the elem_size bytes at pad_value (int8: the output zero point or constant value). */
void tf_pad_nd(int32_t ndims, const int32_t *in_shape, const int32_t *pre_pad,
               const int32_t *post_pad, size_t elem_size, const void *pad_value,
               const void *in, void *out);

/* Any-rank numpy broadcasting: the output shape and, per operand, the element stride of each output
 * dimension (0 where the operand has size 1 there). rank <= TF_MAX_DIMS; rank 0 is a scalar. */
typedef struct {
    int32_t rank;
    int32_t out[TF_MAX_DIMS];
    int32_t stride1[TF_MAX_DIMS];
    int32_t stride2[TF_MAX_DIMS];
} tf_broadcast_nd;

/* ADD, SUB, MUL, DIV (truncating), MAXIMUM, MINIMUM on unquantized integer tensors (i8, u8, i16, i32,
 * i64), results wrapped to the element type as ONNX does. */
void tf_add_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);
void tf_sub_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);
void tf_mul_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);
void tf_div_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);
void tf_maximum_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);
void tf_minimum_int_nd(const tf_broadcast_nd *shape, tf_elem_type type, const void *in1, const void *in2, void *out);

/* PRELU float32, alpha broadcast against the input (any rank). */
void tf_prelu_f32_nd(const tf_broadcast_nd *shape, const float *in, const float *alpha, float *out);
void tf_leaky_relu_f32(float alpha, int32_t size, const float *in, float *out);
void tf_hard_swish_f32(int32_t size, const float *in, float *out);
/* CAST: float to integer truncates (NaN -> 0, saturating at int64), integer targets wrap to their width. */
void tf_cast_any(int32_t size, tf_elem_type from, tf_elem_type to, const void *in, void *out);

/* BROADCAST_TO (ONNX Expand): shape->stride1 is the input's element stride per output dimension. */
void tf_broadcast_to_nd(const tf_broadcast_nd *shape, size_t elem_size, const void *in, void *out);
/* GATHER along an axis: data [outer, n, inner], int32/int64 indices (count of them), out [outer, count, inner]. */
void tf_gather_any(int32_t outer, int32_t n, int32_t inner, int32_t count, size_t elem_size,
                   tf_elem_type index_type, const void *data, const void *indices, void *out);
/* PAD_BORDER: ONNX Pad's reflect, edge and wrap modes, any rank (ndims <= TF_MAX_DIMS). */
typedef enum { TF_PAD_REFLECT, TF_PAD_EDGE, TF_PAD_WRAP } tf_pad_mode;
void tf_pad_border_nd(int32_t ndims, const int32_t *in_shape, const int32_t *out_shape, const int32_t *pad_before,
                      tf_pad_mode mode, size_t elem_size, const void *in, void *out);
/* BATCH_MATMUL float32: batch->out is the output's batch shape, stride1/stride2 the operands' matrix
 * strides per batch dimension (0 where one broadcasts); matrices [m, k] x [k, n]. */
void tf_batch_matmul_f32(const tf_broadcast_nd *batch, int32_t m, int32_t k, int32_t n,
                         const float *a, const float *b, float *out);

/* TRANSPOSE: out_shape[i] = in_shape[perm[i]]. ndims <= TF_MAX_DIMS. */
void tf_transpose_nd(int32_t ndims, const int32_t *in_shape, const int32_t *perm,
                     size_t elem_size, const void *in, void *out);
/* The same for Helium (transpose/transpose_nd_mve.c): bytes with the last axis moved forward vectorized, else
 * tf_transpose_nd. */
void tf_transpose_nd_mve(int32_t ndims, const int32_t *in_shape, const int32_t *perm,
                         size_t elem_size, const void *in, void *out);

/* CONCATENATION: outer = product of dims before the axis, inner = product of dims after it;
 * input k has axis_sizes[k] entries along the axis (no requantization: TFLM requires equal
 * quantization for int8). */
void tf_concat(int32_t num_inputs, const void *const *inputs, const int32_t *axis_sizes,
               int32_t outer, int32_t inner, size_t elem_size, void *out);

/* STRIDED_SLICE with begin/stride already resolved by the compiler (masks, negative indices,
 * clamping done at compile time): out[i...] = in[begin[d] + i[d] * stride[d] ...], strides may
 * be negative. ndims <= TF_MAX_DIMS. Also serves SLICE (stride 1). */
void tf_strided_slice_nd(int32_t ndims, const int32_t *in_shape, const int32_t *begin,
                         const int32_t *stride, const int32_t *out_shape, size_t elem_size,
                         const void *in, void *out);

/* RESHAPE / SQUEEZE / EXPAND_DIMS when not done in place: a byte copy (memmove semantics). */
void tf_copy(size_t bytes, const void *in, void *out);

/* ===================== float32 kernels (TFLite reference float order of operations) ========
 * Bit-exactness with TFLM's float results needs the same operation order (kept here) AND no
 * contraction into fused multiply-adds: build with -std=c99 (ISO mode implies
 * -ffp-contract=off in gcc) or pass -ffp-contract=off explicitly. Float activations: NONE is
 * {-FLT_MAX, FLT_MAX}, RELU {0, FLT_MAX}, RELU6 {0, 6}, RELU_N1_TO_1 {-1, 1}. */

void tf_conv_f32_nhwc(const tf_conv_f32_params *params,
                      const tf_dims *in_dims, const float *in,
                      const tf_dims *filter_dims, const float *filter, const float *bias,
                      const tf_dims *out_dims, float *out);
void tf_depthwise_conv_f32_nhwc(const tf_dw_conv_f32_params *params,
                                const tf_dims *in_dims, const float *in,
                                const tf_dims *filter_dims, const float *filter,
                                const float *bias, const tf_dims *out_dims, float *out);
void tf_fully_connected_f32(const tf_activation_f32 *activation,
                            int32_t batches, int32_t in_depth, const float *in,
                            int32_t out_depth, const float *weights, const float *bias,
                            float *out);
void tf_avgpool_f32_nhwc(const tf_pool_f32_params *params, const tf_dims *in_dims,
                         const float *in, const tf_dims *out_dims, float *out);
void tf_maxpool_f32_nhwc(const tf_pool_f32_params *params, const tf_dims *in_dims,
                         const float *in, const tf_dims *out_dims, float *out);
/* SOFTMAX float: exp((x - max) * beta) / sum (uses expf). */
void tf_softmax_f32(float beta, int32_t rows, int32_t depth, const float *in, float *out);
/* LOG_SOFTMAX float: x - max - logf(sum expf(x - max)). */
void tf_log_softmax_f32(int32_t rows, int32_t depth, const float *in, float *out);
void tf_add_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out);
void tf_add_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out);
void tf_sub_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out);
void tf_sub_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out);
void tf_mul_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out);
void tf_mul_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out);
/* MEAN float: sum in row-major order over the reduced axes, divided by the count (float). */
void tf_mean_f32(int32_t ndims, const int32_t *in_shape, uint32_t reduce_mask,
                 const float *in, float *out);
/* RELU / RELU6 / RELU_N1_TO_1 float: clamp to [activation.min, activation.max]. */
/* Float kernels for ONNX operators (src/div, src/maximum, src/math). */
void tf_div_f32(const tf_activation_f32 *activation, int32_t size,
                const float *in1, const float *in2, float *out);
void tf_div_f32_broadcast(const tf_activation_f32 *activation, const tf_broadcast_shape *shape,
                          const float *in1, const float *in2, float *out);
void tf_maximum_f32(int32_t size, const float *in1, const float *in2, float *out);
void tf_maximum_f32_broadcast(const tf_broadcast_shape *shape, const float *in1, const float *in2, float *out);
void tf_minimum_f32(int32_t size, const float *in1, const float *in2, float *out);
void tf_minimum_f32_broadcast(const tf_broadcast_shape *shape, const float *in1, const float *in2, float *out);
void tf_abs_f32(int32_t size, const float *in, float *out);
void tf_neg_f32(int32_t size, const float *in, float *out);
void tf_exp_f32(int32_t size, const float *in, float *out);
void tf_sqrt_f32(int32_t size, const float *in, float *out);
void tf_round_f32(int32_t size, const float *in, float *out);
void tf_elu_f32(float alpha, int32_t size, const float *in, float *out);
void tf_thresholded_relu_f32(float alpha, int32_t size, const float *in, float *out);
void tf_reduce_max_f32(int32_t ndims, const int32_t *in_shape, uint32_t reduce_mask,
                       const float *in, float *out);
void tf_arg_max_f32(int32_t outer, int32_t n, int32_t inner, int32_t select_last,
                    const float *in, int64_t *out);
void tf_pool_nd_f32(int32_t is_max, int32_t count_include_pad, int32_t k, const int32_t *in_shape,
                    const int32_t *out_shape, const int32_t *kernel, const int32_t *strides,
                    const int32_t *pads, const int32_t *dilations, const float *in, float *out);
void tf_transpose_conv_f32(const int32_t *geometry, const float *in, const float *filter, const float *bias,
                           float *out);
void tf_resize_nd_f32(int32_t rank, const int32_t *in_shape, const int32_t *out_shape, const int32_t *count,
                      const int32_t *offset, const int32_t *indices, const double *weights,
                      const int32_t *out_offset, const uint8_t *outside, float extrapolation,
                      const float *in, float *out);
void tf_clamp_f32(const tf_activation_f32 *activation, int32_t size, const float *in, float *out);
void tf_logistic_f32(int32_t size, const float *in, float *out);
void tf_tanh_f32(int32_t size, const float *in, float *out);

#ifdef __cplusplus
}
#endif
#endif /* TF_KERNELS_H */
