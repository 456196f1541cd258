/* CMSIS-NN conv vectors -> tf_conv_s8_nhwc, or with -DVEC_S16 (int16 activations, int8 weights,
 * int64 bias) -> tf_conv_s16_nhwc. Grouped vectors give FILTER_CH (input channels per group); plain
 * ones use IN_CH. With -DVEC_DSP / -DVEC_MVE: the DSP / Helium kernel the compiler picks for the shape
 * (ConvEmitter, MveKernels: 1x1 without top/left padding, else im2col up to its tap limit; never grouped). */
#include "vec_common.h"
#include "test_data.h"

#ifndef V_FILTER_CH
#define V_FILTER_CH V_IN_CH
#endif

#ifdef VEC_S16
typedef int16_t out_t;
#define CONV tf_conv_s16_nhwc
#define COMPARE vec_compare_s16
#else
typedef int8_t out_t;
#define CONV tf_conv_s8_nhwc
#define COMPARE vec_compare_s8
#endif

static out_t out[V_DST_SIZE];

int main(void)
{
    tf_conv_params p;
    tf_per_channel_quant q;
    tf_dims in_d, f_d, out_d;
    int32_t mult[V_OUT_CH], shift[V_OUT_CH];
    int32_t i;
    /* Per-tensor vectors store one multiplier; repeat it (as the compiler does). */
    const int32_t nq = (int32_t)(sizeof(v_output_mult) / sizeof(v_output_mult[0]));
    for (i = 0; i < V_OUT_CH; ++i) {
        mult[i] = v_output_mult[nq == 1 ? 0 : i];
        shift[i] = v_output_shift[nq == 1 ? 0 : i];
    }
    p.input_offset = V_INPUT_OFFSET;
    p.output_offset = V_OUTPUT_OFFSET;
    p.stride.h = V_STRIDE_Y;
    p.stride.w = V_STRIDE_X;
    p.dilation.h = V_DILATION_Y;
    p.dilation.w = V_DILATION_X;
    p.padding.top = V_PAD_Y;
    p.padding.left = V_PAD_X;
    p.activation.min = V_OUT_ACTIVATION_MIN;
    p.activation.max = V_OUT_ACTIVATION_MAX;
    q.multiplier = mult;
    q.shift = shift;
    in_d.n = V_INPUT_BATCHES; in_d.h = V_INPUT_H; in_d.w = V_INPUT_W; in_d.c = V_IN_CH;
    f_d.n = V_OUT_CH; f_d.h = V_FILTER_Y; f_d.w = V_FILTER_X; f_d.c = V_FILTER_CH;
    out_d.n = V_INPUT_BATCHES; out_d.h = V_OUTPUT_H; out_d.w = V_OUTPUT_W; out_d.c = V_OUT_CH;
#ifdef HAS_biases
#define BIAS v_biases
#else
#define BIAS NULL
#endif
#if (defined(VEC_DSP) || defined(VEC_MVE)) && !defined(VEC_S16)
    {
        const int grouped = V_FILTER_CH != V_IN_CH;
        const int pointwise = !grouped && V_FILTER_X == 1 && V_FILTER_Y == 1 && V_PAD_X == 0 && V_PAD_Y == 0;
        const int32_t taps = V_FILTER_X * V_FILTER_Y * V_FILTER_CH;
#if defined(VEC_DSP)
        if (pointwise) {
            VEC_KERNEL(tf_conv_s8_1x1_dsp);
            tf_conv_s8_1x1_dsp(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
        } else if (!grouped && taps <= 640) {
            VEC_KERNEL(tf_conv_s8_dsp);
            tf_conv_s8_dsp(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
        } else
#else
        static int32_t folded[V_OUT_CH];
        vec_fold_bias(BIAS, V_INPUT_OFFSET, v_weights, V_OUT_CH, taps, taps, 1, folded);
        if (pointwise) {
            VEC_KERNEL(tf_conv_s8_1x1_mve);
            tf_conv_s8_1x1_mve(&p, &q, &in_d, v_input, &f_d, v_weights, folded, &out_d, out);
        } else if (!grouped && taps <= TF_CONV_MVE_MAX_COLUMN) {
            VEC_KERNEL(tf_conv_s8_mve);
            tf_conv_s8_mve(&p, &q, &in_d, v_input, &f_d, v_weights, folded, &out_d, out);
        } else
#endif
        {
            VEC_KERNEL(tf_conv_s8_nhwc);
            CONV(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
        }
    }
#else
    CONV(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
#endif
    return COMPARE(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
